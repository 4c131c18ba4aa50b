/* The questionnaire page without this script works as well: these are comforts.
   A link to a question (in the box of unanswered questions, or from another
   page) moves keyboard focus to that question's answers, not only the view, so
   the next key press answers it. */
(function () {
  "use strict";

  function focusQuestion(id) {
    var question = document.getElementById(id);
    if (!question) {
      return false;
    }
    var radio = question.querySelector("input:checked") || question.querySelector("input");
    question.scrollIntoView({ block: "start" });
    if (radio) {
      radio.focus({ preventScroll: true });
    }
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-question]") : null;
    if (!link || link.getAttribute("href").charAt(0) !== "#") {
      return;
    }
    if (focusQuestion(link.getAttribute("data-question"))) {
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
    }
  });

  if (location.hash.indexOf("#q-") === 0) {
    focusQuestion(location.hash.slice(1));
  }
})();
