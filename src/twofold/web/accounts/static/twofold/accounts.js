// A "Copy" button beside a new API token's secret; without scripts, the hint
// beside it says how to copy it by hand.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.querySelector(".token-secret__status");
  button.hidden = false;
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.copied;
    } catch {
      // No clipboard here (an http address other than localhost): the text is
      // selected, ready for Ctrl+C.
    }
  });
}
