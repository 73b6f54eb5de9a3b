// Progressive enhancement only: every page works without this file.
// A second click on a submit button while its form is being sent does nothing.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.method !== "post") return;
  if (form.dataset.submitting === "yes") {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "yes";
  form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
    button.setAttribute("aria-disabled", "true");
  });
});
