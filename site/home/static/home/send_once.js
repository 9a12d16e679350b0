// A double click sends the form once; the server refuses duplicates anyway.
// (A file, not an inline script: the public pages' Content-Security-Policy allows none.)
document.querySelectorAll("form.intake-form").forEach(function (form) {
    form.addEventListener("submit", function () {
        form.querySelectorAll("button[data-once]").forEach(function (b) { b.disabled = true; });
    });
});
