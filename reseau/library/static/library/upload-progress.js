// Shows how much of a file has been sent (a phone on a slow link waits minutes for a large one).
// Without this script the form posts as any form does; with it, the same post goes through
// XMLHttpRequest so its upload progress can be shown, and the answer replaces the page.
(function () {
  "use strict";
  var bar = document.getElementById("upload-progress");
  var text = document.getElementById("upload-progress-text");
  var form = bar && bar.closest("main, body").querySelector("form[enctype='multipart/form-data']");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (event) {
    var hasFile = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length > 0;
    });
    if (!hasFile) return;
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) return;
      var percent = Math.round((progress.loaded / progress.total) * 100);
      bar.hidden = false;
      text.hidden = false;
      bar.value = percent;
      text.textContent = (text.dataset.template || "{percent} %").replace("{percent}", String(percent));
    });
    request.addEventListener("load", function () {
      if (request.responseURL && request.responseURL !== (form.action || window.location.href)) {
        window.location.assign(request.responseURL);  // saved: the server sent us on
        return;
      }
      document.open();
      document.write(request.responseText);  // refused: the form again with its messages
      document.close();
    });
    request.addEventListener("error", function () { form.submit(); });
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (button) { button.disabled = true; });
    request.send(new FormData(form));
  });
})();
