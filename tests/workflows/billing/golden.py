"""The golden table of the rent engine: worked examples, each also printed in the app's README.

Each row: (what it shows, the expression evaluated against `workflows.billing.rent`, result).
"""

GOLDEN = [
    (
        "Full month in advance, rent 30,000",
        "prorate('30000', full_period(date(2026,2,10), MONTHLY), "
        "full_period(date(2026,2,10), MONTHLY))",
        "30000.00",
    ),
    (
        "Lease starts 15 Jan: 17 of 31 days",
        "charges(Terms(rent=D('30000')), date(2026,1,15), date(2026,3,20))[0].amount",
        "16451.61",
    ),
    (
        "Lease ends 20 Mar: 20 of 31 days",
        "charges(Terms(rent=D('30000')), date(2026,1,15), date(2026,3,20))[2].amount",
        "19354.84",
    ),
    (
        "In advance: the first part is invoiced on the lease's first day",
        "charges(Terms(rent=D('30000')), date(2026,1,15), date(2026,3,20))[0].invoice_on",
        "2026-01-15",
    ),
    (
        "In arrears, billing day 10: 15 Jan-9 Feb is 26 of 31 days",
        "charges(Terms(rent=D('30000'), timing=IN_ARREARS, billing_day=10), "
        "date(2026,1,15), date(2026,2,20))[0].amount",
        "25161.29",
    ),
    (
        "In arrears: invoiced the day after the period",
        "charges(Terms(rent=D('30000'), timing=IN_ARREARS, billing_day=10), "
        "date(2026,1,15), date(2026,2,20))[0].invoice_on",
        "2026-02-10",
    ),
    (
        "In arrears, last part 10-20 Feb: 11 of 28 days",
        "charges(Terms(rent=D('30000'), timing=IN_ARREARS, billing_day=10), "
        "date(2026,1,15), date(2026,2,20))[1].amount",
        "11785.71",
    ),
    (
        "Weekly from Monday, lease starts Thursday 1 Jan: 4 of 7 days",
        "charges(Terms(rent=D('7000'), cycle=WEEKLY, billing_day=0), "
        "date(2026,1,1), date(2026,1,14))[0].amount",
        "4000.00",
    ),
    (
        "Daily cycle: one day is the day's rent",
        "charges(Terms(rent=D('1200'), cycle=DAILY), date(2026,1,1), date(2026,1,3))[1].amount",
        "1200.00",
    ),
    (
        "February, 10 of 28 days of 100: cut cumulatively",
        "prorate('100', Period(date(2026,2,1), date(2026,2,28)), "
        "Period(date(2026,2,1), date(2026,2,10)))",
        "35.71",
    ),
    (
        "February, the remaining 18 days of 100 (35.71 + 64.29 = 100.00)",
        "prorate('100', Period(date(2026,2,1), date(2026,2,28)), "
        "Period(date(2026,2,11), date(2026,2,28)))",
        "64.29",
    ),
    (
        "Early return 20 Mar, refund of unused days: 11 of 31 days of 31,000",
        "early_return(Terms(rent=D('31000')), REFUND_UNUSED, date(2026,3,20), date(2026,3,31))",
        "-11000.00",
    ),
    (
        "Early return 20 Mar, minimum term to 30 Jun: April to June are due",
        "early_return(Terms(rent=D('30000')), MINIMUM_TERM, date(2026,3,20), "
        "date(2026,3,31), date(2026,6,30))",
        "90000.00",
    ),
    (
        "Late fee: 31,500 due 1 Feb, paid 20 Feb, 5 grace days, 0.1 % a day: 14 days",
        "late_fee('31500', date(2026,2,1), date(2026,2,20), daily_rate='0.001', "
        "grace_days=5, cap_rate='0.10')",
        "441.00",
    ),
    (
        "Late fee within the grace days",
        "late_fee('31500', date(2026,2,1), date(2026,2,6), daily_rate='0.001', "
        "grace_days=5, cap_rate='0.10')",
        "0.00",
    ),
    (
        "Late fee capped at 10 %",
        "late_fee('31500', date(2026,2,1), date(2026,8,20), daily_rate='0.001', "
        "grace_days=5, cap_rate='0.10')",
        "3150.00",
    ),
    ("Business tax 5 % of 1,234.50 (61.725 rounds half up)", "tax('1234.50', '0.05')", "61.73"),
    (
        "A day rate of 100 as a month's rent (365/12 days)",
        "rate_per_cycle('day', '100', MONTHLY)",
        "3041.67",
    ),
    (
        "A month rate of 30,000 as a week's rent",
        "rate_per_cycle('month', '30000', WEEKLY)",
        "6904.11",
    ),
    (
        "Deposit 50,000 less damage 12,000 and unpaid rent 3,000: refund",
        "deposit_balance('50000', ['12000', '3000'])[0]",
        "35000.00",
    ),
    (
        "Deposit 10,000 less damage 12,500: collect",
        "deposit_balance('10000', ['12500'])[1]",
        "2500.00",
    ),
    (
        "Settlement: billed 90,000, paid 90,000, late fees 441, damage 8,000, deposit 50,000",
        "settlement_balance(billed='90000', paid='90000', late_fees='441', damage='8000', "
        "other='0', deposit='50000')",
        "-41559.00",
    ),
]
