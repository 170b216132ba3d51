// The example portal's own script: it listens to the embedded validator's
// events to decide whether the return may be submitted, and drives the
// element's lang and compact attributes from its own controls.
const checker = document.getElementById('checker');
const verdict = document.getElementById('verdict');
const submit = document.getElementById('submit');

function say(text, kind) {
  verdict.textContent = text;
  verdict.className = `verdict ${kind}`;
}

checker.addEventListener('progress', () => {
  submit.disabled = true;
  say('Checking your file…', 'waiting');
});

checker.addEventListener('validated', (event) => {
  const { report } = event.detail;
  // Problems: one per rule, cause and table, however many cells it covers.
  const { errors, warnings } = report.summary.problems;
  const plural = (n, one) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;
  if (errors > 0) {
    submit.disabled = true;
    say(`Fix ${plural(errors, 'error')} first, then check the file again.`, 'blocked');
  } else {
    submit.disabled = false;
    say(warnings ? `Ready to submit. Please review ${plural(warnings, 'warning')}.` : 'Ready to submit.', 'ready');
  }
});

checker.addEventListener('error', (event) => {
  submit.disabled = true;
  say(`The check could not run: ${event.detail.message}`, 'blocked');
});

for (const button of document.querySelectorAll('button.lang')) {
  button.addEventListener('click', () => {
    checker.setAttribute('lang', button.dataset.lang);
    for (const other of document.querySelectorAll('button.lang')) other.setAttribute('aria-pressed', String(other === button));
  });
}

document.getElementById('summary-only').addEventListener('change', (event) => {
  checker.toggleAttribute('compact', event.target.checked);
});

submit.addEventListener('click', () => {
  document.getElementById('submit-note').hidden = false;
});
