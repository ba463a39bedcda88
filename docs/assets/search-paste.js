// Pasted error messages in the search box.
//
// 1. A pasted traceback: only the message is worth searching for. Frames ('File "x.py", line 3,
//    in f'), the source line under each, caret lines, 'Traceback (most recent call last):', the
//    exception's class (RuntimeError, ValueError: "error" is on every entry, so it only adds
//    noise), punctuation and the reader's own numbers (their sizes, never the page's) are
//    dropped before the text goes into the box. Only pasted text is cleaned this way: what a
//    reader types is left as typed.
// 2. Material's search is lunr, whose query syntax gives a few characters a meaning: `word:` is
//    a field search (every TensorFlow message has one, so the query fails to parse and nothing
//    is found), a leading `-` or `+` excludes or requires a term (`size(-1)`), and `~ ^ *` are
//    fuzzy, boost and wildcard marks. A reader means none of that: each such character is turned
//    into a space as it is typed or pasted, before Material reads the box (on keyup). Material 9
//    has no hook for transforming the query (custom search transforms were removed in 9.0),
//    hence these listeners.
const OPERATORS = /[:"+\-~^*]/g;

function isSearchBox(element) {
  return element instanceof HTMLInputElement && element.dataset.mdComponent === "search-query";
}

function cleanPaste(text) {
  const kept = [];
  let afterFrame = false;
  // Keras ends a message with the call's arguments ("Arguments received by LSTM.call(): •
  // inputs=tf.Tensor(shape=(7, 9), …)"): the reader's tensors, not the mistake.
  // It also wraps some in "Exception encountered when calling LSTM.call()." – the wrapper, again.
  const message = text
    .split(/\n\s*Arguments received by /)[0]
    .replace(/Exception encountered when calling [\w.]+\(\)\.?/g, " ");
  for (const line of message.split(/\r?\n/)) {
    const frame = /^\s*File "[^"]*", line \d+/.test(line);
    const noise = frame || afterFrame || /^\s*(Traceback \(most recent call last\)|\^+\s*$)/.test(line);
    afterFrame = frame;
    if (!noise && line.trim()) {
      kept.push(line.trim());
    }
  }
  return kept
    .join(" ")
    .replace(/\S*[\\/]\S*/g, " ") // file paths (older messages name the C++ source)
    .replace(/<[^<>]*>/g, " ") // reprs such as <KerasTensor shape=(None, 9), …>
    .replace(/0x[0-9a-f]+/gi, " ") // object addresses
    .replace(/[\w.]*(Error|Exception|Warning)\b/g, " ") // the exception's class
    .replace(/(\w)\[(\d)\]/g, "$1 idx$2idx") // hidden[0] keeps its index, which is in headings
    .replace(/(ndim)=(\d)/g, "$1 idx$2idx") // so do ndim=3 and min_ndim=3
    .replace(/[^\p{L}\p{N}_.\s]/gu, " ") // punctuation, lunr's operators among it
    .replace(/(^|\s)[\d.]+(?=\s|$)/g, " ") // the reader's own sizes
    .replace(/(^|\s)\p{L}(?=\s|$)/gu, " ") // one-letter words ("3-D", "64 x 256"): prefix noise
    .replace(/idx(\d)idx/g, "$1")
    .split(/\s+/)
    .filter((word, i, words) => word && words.indexOf(word) === i) // once each: lunr adds up
    .join(" ");
}

document.addEventListener(
  "paste",
  (event) => {
    const box = event.target;
    const text = event.clipboardData?.getData("text");
    if (!isSearchBox(box) || !text) {
      return;
    }
    event.preventDefault();
    box.setRangeText(cleanPaste(text), box.selectionStart, box.selectionEnd, "end");
    box.dispatchEvent(new Event("input", { bubbles: true }));
  },
  true,
);

document.addEventListener(
  "input",
  (event) => {
    const box = event.target;
    if (!isSearchBox(box)) {
      return;
    }
    const cleaned = box.value.replace(OPERATORS, " ");
    if (cleaned !== box.value) {
      const caret = box.selectionStart;
      box.value = cleaned;
      box.setSelectionRange(caret, caret);
    }
  },
  true,
);
