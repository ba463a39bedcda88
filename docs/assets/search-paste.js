// Pasted error messages in the search box.
//
// Material's search is lunr, whose query syntax gives a few characters a meaning: `word:` is a
// field search (every TensorFlow message has one, so the query fails to parse and nothing is
// found), a leading `-` or `+` excludes or requires a term (`size(-1)`), and `~ ^ *` are fuzzy,
// boost and wildcard marks. A reader pasting a message means none of that. Each such character
// is turned into a space as it is typed or pasted, before Material reads the box (on keyup),
// keeping the length so the caret stays where it was. Material 9 has no hook for transforming
// the query (custom search transforms were removed in 9.0), hence this listener.
document.addEventListener(
  "input",
  (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.dataset.mdComponent !== "search-query") {
      return;
    }
    const cleaned = box.value.replace(/[:"+\-~^*]/g, " ");
    if (cleaned !== box.value) {
      const caret = box.selectionStart;
      box.value = cleaned;
      box.setSelectionRange(caret, caret);
    }
  },
  true,
);
