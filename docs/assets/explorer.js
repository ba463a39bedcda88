/* RNN Shapes: the shape explorer and "how will my tensor be read?" (docs/explorer.md).

   Everything shown comes from assets/shape-rules.json, which snippets/explorer_rules.py
   generates by running the real layers: this script only evaluates its formulas (a tiny
   expression language, parsed here; no eval) and builds the DOM with textContent, never
   innerHTML. It loads nothing from other hosts. The state lives in the address's query, so a
   link reproduces the view.

   The contract tests/test_explorer.py checks: every shape shown is in an element with
   data-shape="torch.output" (torch.input, .output, .h_n, .c_n, .head, .weight_ih_l0, …;
   keras.input, .output or .output.0/.output.1, .state.0, …, .head, and keras.<variable path>)
   whose text is a Python tuple; parameter counts in data-params="torch" / "keras"; PyTorch's
   constructor error in data-message="torch.explorer"; the code in data-code="torch" / "keras";
   the reading of a tensor in data-read="torch.N" (…T, …D; "none": no batch axis), its verdict
   in data-verdict="ok|silent|error" with data-framework="torch|keras", its error in
   data-message="torch|keras", its code in data-code="torch-read|keras-read"; invalid settings
   in a role="alert" element. */
(function () {
  "use strict";

  const explorerRoot = document.getElementById("rx-explorer");
  const readerRoot = document.getElementById("rx-reader");
  if (!explorerRoot && !readerRoot) return;

  const SCRIPT = document.currentScript ||
    document.querySelector('script[src$="assets/explorer.js"]');
  const RULES_URL = new URL("shape-rules.json", SCRIPT ? SCRIPT.src : location.href);
  const SVG_NS = "http://www.w3.org/2000/svg";

  /* ---------------------------------------------------------------- the state and its limits */

  const SIZE_MAX = 512;
  const READ_MAX = 100000;
  const CELLS = { rnn: ["nn.RNN", "SimpleRNN"], lstm: ["nn.LSTM", "LSTM"], gru: ["nn.GRU", "GRU"] };
  const MERGE_MODES = ["concat", "sum", "mul", "ave", "none"];
  const LETTER_NAMES = { N: "samples", T: "time steps", D: "features", M: "hidden units", K: "outputs" };
  const PARAMS = [
    // name, kind, default, limits or options, label, hint
    ["cell", "enum", "rnn", Object.keys(CELLS), "Cell", ""],
    ["N", "int", 2, [1, SIZE_MAX], "N samples", "1 to 512"],
    ["T", "int", 5, [1, SIZE_MAX], "T time steps", "1 to 512"],
    ["D", "int", 3, [1, SIZE_MAX], "D features", "1 to 512"],
    ["M", "int", 4, [1, SIZE_MAX], "M hidden units", "1 to 512"],
    ["K", "int", 6, [1, SIZE_MAX], "K outputs (the head)", "1 to 512"],
    ["layers", "int", 1, [1, 2], "Layers", "1 or 2 (the layer counts measured)"],
    ["bidirectional", "bool", 0, null, "bidirectional", ""],
    ["batch_first", "bool", 0, null, "batch_first", "PyTorch only"],
    ["return_sequences", "bool", 0, null, "return_sequences", "Keras; in PyTorch: what the head reads"],
    ["return_state", "bool", 0, null, "return_state", "Keras only"],
    ["proj_size", "int", 0, [0, SIZE_MAX], "proj_size", "0 (none) to 512; PyTorch LSTM only"],
    ["merge_mode", "enum", "concat", MERGE_MODES, "merge_mode", "Keras Bidirectional only"],
  ];
  const READ_PARAMS = [
    ["tensor", "shape", "32,10,8", [1, 4], "Your tensor's shape", "1 to 4 sizes of 1 to 100000, e.g. (32, 10, 8)"],
    ["axes", "axes", "NTD", null, "Its axes are", "N samples, T steps, D features"],
    ["input_size", "int", 8, [1, READ_MAX], "PyTorch: input_size", "1 to 100000"],
    ["read_batch_first", "bool", 0, null, "PyTorch: batch_first", ""],
    ["keras_input", "input", "10,8", [1, 3], "Keras: keras.Input(shape=…)", "e.g. (10, 8); or: direct"],
  ];
  const AXES_BY_RANK = {  // value, what the select shows
    1: [["N", "N"], ["T", "T"], ["D", "D"]],
    2: [["NT", "N×T"], ["TD", "T×D"], ["ND", "N×D"], ["TN", "T×N"]],
    3: [["NTD", "N×T×D"], ["TND", "T×N×D"], ["NDT", "N×D×T"]],
    4: [["NTD1", "N×T×D×1"]],
  };

  function quoted(raw) {
    const text = String(raw);
    return `"${text.length > 40 ? text.slice(0, 40) + "…" : text}"`;  // shown as text, never parsed
  }

  function parseInteger(name, raw, limits, errors) {
    const text = String(raw).trim();
    if (!/^\d{1,7}$/.test(text) || Number(text) < limits[0] || Number(text) > limits[1]) {
      errors.push(`${name} must be a whole number from ${limits[0]} to ${limits[1]}; got ${quoted(raw)}.`);
      return null;
    }
    return Number(text);
  }

  /* "(32, 10, 8)", "32,10,8", "32 x 10 x 8" → [32, 10, 8], or null with a message. */
  function parseShape(name, raw, ranks, errors, allowDirect) {
    const text = String(raw).trim();
    if (allowDirect && text.toLowerCase() === "direct") return "direct";
    const inner = text.replace(/^\(\s*/, "").replace(/\s*,?\s*\)$/, "");
    const parts = inner.split(/\s*(?:,|×|x|\s)\s*/i).filter((p) => p !== "");
    const sizes = parts.map(Number);
    const ok = parts.length >= ranks[0] && parts.length <= ranks[1] &&
      parts.every((p) => /^\d{1,6}$/.test(p)) && sizes.every((n) => n >= 1 && n <= READ_MAX);
    if (!ok) {
      errors.push(`${name} must be ${ranks[0]} to ${ranks[1]} whole numbers from 1 to ${READ_MAX}, ` +
        `like (32, 10, 8)${allowDirect ? ', or "direct" (no keras.Input)' : ""}; got ${quoted(raw)}.`);
      return null;
    }
    return sizes;
  }

  function readParams(table, query, errors) {
    const values = {};
    for (const [name, kind, fallback, limits] of table) {
      const raw = query.has(name) ? query.get(name) : String(fallback);
      if (kind === "int") values[name] = parseInteger(name, raw, limits, errors);
      else if (kind === "bool") {
        if (raw === "0" || raw === "1") values[name] = Number(raw);
        else { errors.push(`${name} must be 0 or 1; got ${quoted(raw)}.`); values[name] = null; }
      } else if (kind === "enum") {
        if (limits.includes(raw)) values[name] = raw;
        else {
          errors.push(`${name} must be one of ${limits.join(", ")}; got ${quoted(raw)}.`);
          values[name] = null;
        }
      } else if (kind === "shape") values[name] = parseShape(name, raw, limits, errors, false);
      else if (kind === "input") values[name] = parseShape(name, raw, limits, errors, true);
      else values[name] = String(raw);
    }
    return values;
  }

  /* -------------------------------------------------------------- the expression language */

  const TOKEN = /\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|[-+*()<>]))/y;

  function tokens(text) {
    const out = [];
    let pos = 0;
    while (pos < text.length) {
      if (/^\s*$/.test(text.slice(pos))) break;
      TOKEN.lastIndex = pos;
      const m = TOKEN.exec(text);
      if (!m || TOKEN.lastIndex === pos) throw new Error(`bad expression ${text}`);
      out.push(m[1] || m[2] || m[3]);
      pos = TOKEN.lastIndex;
    }
    return out;
  }

  /* Whole numbers, names from env, + - *, comparisons, and/or/not, parentheses: the same
     language as snippets/explorer_rules.py's evaluate. Booleans are 1 and 0. */
  function evaluate(text, env) {
    const toks = tokens(text);
    let i = 0;
    const peek = () => toks[i];
    const take = (expected) => {
      const tok = toks[i];
      if (tok === undefined || (expected && tok !== expected)) {
        throw new Error(`${text}: expected ${expected || "more"}`);
      }
      i += 1;
      return tok;
    };
    const KEYWORDS = ["and", "or", "not"];
    function disjunction() {
      let value = conjunction();
      while (peek() === "or") { take(); const right = conjunction(); value = (value || right) ? 1 : 0; }
      return value;
    }
    function conjunction() {
      let value = negation();
      while (peek() === "and") { take(); const right = negation(); value = (value && right) ? 1 : 0; }
      return value;
    }
    function negation() {
      if (peek() === "not") { take(); return negation() ? 0 : 1; }
      return comparison();
    }
    function comparison() {
      const left = total();
      const op = peek();
      const ops = {
        "==": (a, b) => a === b, "!=": (a, b) => a !== b, "<": (a, b) => a < b,
        "<=": (a, b) => a <= b, ">": (a, b) => a > b, ">=": (a, b) => a >= b,
      };
      if (Object.prototype.hasOwnProperty.call(ops, op)) {
        take();
        return ops[op](left, total()) ? 1 : 0;
      }
      return left;
    }
    function total() {
      let value = product();
      while (peek() === "+" || peek() === "-") {
        const op = take();
        value = op === "+" ? value + product() : value - product();
      }
      return value;
    }
    function product() {
      let value = atom();
      while (peek() === "*") { take(); value *= atom(); }
      return value;
    }
    function atom() {
      const tok = take();
      if (tok === "(") { const value = disjunction(); take(")"); return value; }
      if (/^\d+$/.test(tok)) return Number(tok);
      if (!KEYWORDS.includes(tok) && Object.prototype.hasOwnProperty.call(env, tok) &&
          typeof env[tok] === "number") {
        return env[tok];
      }
      throw new Error(`${text}: unknown name ${tok}`);
    }
    const value = disjunction();
    if (i !== toks.length) throw new Error(`${text}: unexpected ${toks[i]}`);
    return value;
  }

  function pyTuple(values) {
    const parts = values.map((v) => (v === null ? "None" : String(v)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
  }

  const pretty = (formula) => formula.replace(/\*/g, "·");

  /* ----------------------------------------------------------------------------- DOM helpers */

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function codeBlock(source, name, label) {
    const code = el("code", { "data-code": name, class: "language-python" }, source);
    const button = el("button", { type: "button", class: "rx-copy", "aria-label": `Copy the ${label} code` }, "Copy");
    button.addEventListener("click", () => copyText(source, button));
    return el("div", { class: "rx-code" }, button, el("pre", {}, code));
  }

  function copyText(text, button) {
    const done = () => {
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy"; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text) && done());
    } else if (fallbackCopy(text)) done();
  }

  function fallbackCopy(text) {
    const area = el("textarea", { class: "rx-offscreen", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    area.remove();
    return ok;
  }

  function alertBox(container, errors) {
    const old = container.querySelector(":scope > .rx-alert");
    if (old) old.remove();
    if (!errors.length) return;
    const box = el("div", { class: "rx-alert", role: "alert" },
      el("p", {}, errors.length === 1 ? "This setting can't be used:" : "These settings can't be used:"),
      el("ul", {}, errors.map((e) => el("li", {}, e))));
    container.prepend(box);
  }

  /* ------------------------------------------------------------------------ the form controls */

  function field(prefix, param, onChange) {
    const [name, kind, , limits, label, hint] = param;
    const id = `${prefix}-${name}`;
    let control;
    if (kind === "bool") {
      control = el("input", { id, name, type: "checkbox" });
    } else if (kind === "enum") {
      control = el("select", { id, name }, limits.map((v) => el("option", { value: v }, v)));
    } else if (kind === "axes") {
      control = el("select", { id, name });
    } else if (kind === "int") {
      control = el("input", {
        id, name, type: "number", min: limits[0], max: limits[1], step: 1, inputmode: "numeric",
      });
    } else {
      control = el("input", { id, name, type: "text", spellcheck: "false", autocomplete: "off" });
    }
    const hintId = hint ? `${id}-hint` : null;
    if (hintId) control.setAttribute("aria-describedby", hintId);
    control.addEventListener(kind === "bool" || control.tagName === "SELECT" ? "change" : "input", onChange);
    const labelNode = el("label", { for: id });
    label.split(/(?<=_)/).forEach((part, i) => {  // a long option name breaks after its _
      if (i) labelNode.append(el("wbr"));
      labelNode.append(document.createTextNode(part));
    });
    const wrap = el("div", { class: `rx-field rx-field--${kind}` });
    if (kind === "bool") wrap.append(control, labelNode);
    else wrap.append(labelNode, control);
    if (hintId) wrap.append(el("small", { id: hintId, class: "rx-hint" }, hint));
    return wrap;
  }

  function setControl(control, kind, raw) {
    if (kind === "bool") control.checked = raw === "1";
    else if (control.tagName === "SELECT") {
      if ([...control.options].some((o) => o.value === raw)) control.value = raw;
    } else control.value = kind === "int" && !/^\d*$/.test(raw) ? "" : raw;
  }

  function controlValue(control, kind) {
    if (kind === "bool") return control.checked ? "1" : "0";
    return control.value;
  }

  /* ---------------------------------------------------------------------- the explorer's view */

  function explorerKeys(s) {
    const proj = s.proj_size === 0 ? "0" : s.proj_size < s.M ? "lt" : "ge";
    const bi = s.bidirectional;
    return {
      torch: `${s.cell}|${s.layers}|${bi}|${s.batch_first}|${proj}|${s.return_sequences}`,
      torchWeights: `${s.cell}|${s.layers}|${bi}|${proj}`,
      keras: `${s.cell}|${s.layers}|${bi}|${bi ? s.merge_mode : "-"}|${s.return_sequences}|${s.return_state}`,
      kerasWeights: `${s.cell}|${s.layers}|${bi}`,
      proj,
    };
  }

  function sizesEnv(s) {
    return { N: s.N, T: s.T, D: s.D, M: s.M, K: s.K, P: s.proj_size };
  }

  function shapeRows(framework, rows, env) {
    return rows.map(([name, axes]) => ({
      name, key: `${framework}.${name}`,
      shape: axes.map((a) => evaluate(a, env)),
      formula: axes.map(pretty),
    }));
  }

  /* A name that may break after its _ and / on a narrow screen (wbr elements, no markup). */
  function breakable(name) {
    const code = el("code", {});
    name.split(/(?<=[_/])/).forEach((part, i) => {
      if (i) code.append(el("wbr"));
      code.append(document.createTextNode(part));
    });
    return code;
  }

  function shapeTable(caption, rows, withFormula, attr) {
    const body = rows.map((r) => el("tr", {},
      el("th", { scope: "row" }, breakable(r.name)),
      el("td", {}, el("code", { [attr || "data-shape"]: r.key }, pyTuple(r.shape))),
      withFormula ? el("td", { class: "rx-formula" }, pyTuple(r.formula)) : null));
    return el("table", { class: "rx-table" },
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "name"), el("th", { scope: "col" }, "shape"),
        withFormula ? el("th", { scope: "col" }, "as letters") : null)),
      el("tbody", {}, body));
  }

  function notesList(notes) {
    if (!notes.length) return null;
    return el("ul", { class: "rx-notes" }, notes.map((n) => el("li", {}, n)));
  }

  function torchNotes(s) {
    const notes = [];
    const h = s.cell === "lstm" && s.proj_size > 0 && s.proj_size < s.M ? "P" : "M";
    if (s.return_sequences) notes.push("return_sequences: PyTorch has no such option; output holds every step, and the head here reads output.");
    else {
      notes.push(s.bidirectional
        ? `return_sequences: PyTorch has no such option; output holds every step. Like Keras' last output, the head here reads the last layer's final state of both directions, torch.cat((h_n[-2], h_n[-1]), dim=1), 2·${h} wide (the last step of output holds the backward direction's first step, not its final one).`
        : "return_sequences: PyTorch has no such option; output holds every step. Like Keras' last output, the head here reads the last layer's final state, h_n[-1].");
    }
    notes.push(`return_state: PyTorch has no such option; it always returns h_n${s.cell === "lstm" ? " and c_n" : ""}, for every layer and direction.`);
    if (s.bidirectional) notes.push(`merge_mode: PyTorch has no such option; its output always concatenates the two directions, 2·${h} wide (Keras' "concat")${s.merge_mode === "none" ? ", not merge_mode=None" : s.merge_mode !== "concat" ? `, not merge_mode="${s.merge_mode}"` : ""}.`);
    return notes;
  }

  function kerasNotes(s) {
    const notes = [];
    notes.push(`batch_first: Keras has no such option; its layers always read N×T×D${s.batch_first ? " (as PyTorch does with batch_first=True)" : " (PyTorch's default is T×N×D)"}.`);
    if (s.proj_size > 0) notes.push(`proj_size: Keras has no such option; ${s.cell === "lstm" ? "its LSTM has no projection, so this column is the LSTM without one" : "(and PyTorch has it for the LSTM only)"}.`);
    if (!s.bidirectional && s.merge_mode !== "concat") notes.push("merge_mode: applies to a Bidirectional layer only; not used here.");
    if (s.layers > 1) notes.push(`layers: Keras has no num_layers; this is a stack of ${s.layers} layers, all but the last with return_sequences=True${s.bidirectional ? ' (and the default merge_mode="concat"; merge_mode=None there would hand the next layer two tensors)' : ""}. return_sequences, return_state${s.bidirectional ? " and merge_mode" : ""} are the last layer's.`);
    if (s.return_state && s.layers > 1) notes.push("return_state: the states are the last layer's only (PyTorch's h_n holds every layer's).");
    if (s.bidirectional && s.merge_mode === "none") notes.push("merge_mode=None: the two directions come back as two tensors, output.0 (forward) and output.1 (backward). A Dense head takes one tensor, so there is no head here: concatenate them first (merge_mode=\"concat\").");
    if (s.return_state) {
      const per = s.cell === "lstm" ? "h and c" : "h";
      notes.push(s.bidirectional
        ? `return_state: the states follow the output(s): the forward direction's ${per}, then the backward direction's.`
        : `return_state: the states follow the output: ${per === "h" ? "the final h (equal to the output when return_sequences=False)" : "the final h, then c"}.`);
    }
    return notes;
  }

  /* Code shown for the current configuration; printed names are the data-shape names without
     their framework prefix, so tests/test_explorer.py can compare them. */
  function torchCode(s, keys, error) {
    const cls = CELLS[s.cell][0];
    const hasProj = s.proj_size > 0;
    const h = hasProj ? "P" : "M";
    const args = ["input_size=D", "hidden_size=M"];
    if (s.layers > 1) args.push(`num_layers=${s.layers}`);
    if (s.bidirectional) args.push("bidirectional=True");
    if (s.batch_first) args.push("batch_first=True");
    if (hasProj) args.push("proj_size=P");
    const lines = ["import torch", "from torch import nn", "", "torch.manual_seed(0)",
      `N, T, D, M, K = ${s.N}, ${s.T}, ${s.D}, ${s.M}, ${s.K}`];
    if (hasProj) lines.push(`P = ${s.proj_size}  # proj_size`);
    const call = `rnn = ${cls}(${args.join(", ")})`;
    const ctor = call.length <= 88 ? [call] : [`rnn = ${cls}(`, ...wrapArgs(args, 4), ")"];
    if (error) {
      lines.push("try:", ...ctor.map((l) => "    " + l), `except ${error[0]} as e:`,
        "    print(e)  # the module is never built");
      return lines.join("\n") + "\n";
    }
    lines.push(...ctor);
    lines.push(s.batch_first ? "x = torch.randn(N, T, D)  # batch_first=True: N×T×D"
      : "x = torch.randn(T, N, D)  # batch_first=False: T×N×D");
    const lstm = s.cell === "lstm";
    lines.push(lstm ? "output, (h_n, c_n) = rnn(x)" : "output, h_n = rnn(x)");
    const width = s.bidirectional ? `2 * ${h}` : h;
    if (s.return_sequences) {
      lines.push(`head = nn.Linear(${width}, K)`, "y = head(output)  # every step");
    } else if (s.bidirectional) {
      lines.push("last = torch.cat((h_n[-2], h_n[-1]), dim=1)  # last layer, both directions",
        `head = nn.Linear(${width}, K)`, "y = head(last)");
    } else {
      lines.push(`head = nn.Linear(${width}, K)`, "y = head(h_n[-1])  # the last layer's final state");
    }
    const named = [["input", "x"], ["output", "output"], ["h_n", "h_n"]];
    if (lstm) named.push(["c_n", "c_n"]);
    named.push(["head", "y"]);
    lines.push(`for name, t in [${named.map(([n, v]) => `("${n}", ${v})`).join(", ")}]:`,
      "    print(name, tuple(t.shape))",
      "for name, p in rnn.named_parameters():",
      "    print(name, tuple(p.shape))",
      'print("parameters", sum(p.numel() for p in rnn.parameters()))');
    return fitLines(lines).join("\n") + "\n";
  }

  /* Keyword arguments on lines of at most 80 characters, each line ending with a comma. */
  function wrapArgs(args, indent) {
    const lines = [];
    let line = "";
    for (const arg of args) {
      const next = line ? `${line}, ${arg}` : arg;
      if (line && indent + next.length + 1 > 80) { lines.push(line); line = arg; } else line = next;
    }
    lines.push(line);
    return lines.map((l) => `${" ".repeat(indent)}${l},`);
  }

  /* A `for … in [(…), (…)]:` line too long for a code block is split after its commas. */
  function fitLines(lines) {
    const out = [];
    for (const line of lines) {
      const m = /^for name, t in \[(.*)\]:$/.exec(line);
      if (line.length <= 88 || !m) { out.push(line); continue; }
      const items = m[1].split(/, (?=\(")/);
      out.push("for name, t in [");
      for (let i = 0; i < items.length; i += 3) out.push(`    ${items.slice(i, i + 3).join(", ")},`);
      out.push("]:");
    }
    return out;
  }

  function kerasCode(s) {
    const cls = CELLS[s.cell][1];
    const inner = { rnn: "simple_rnn", lstm: "lstm", gru: "gru" }[s.cell];
    const lines = ["import keras", "import numpy as np", "", "keras.utils.set_random_seed(0)",
      `N, T, D, M, K = ${s.N}, ${s.T}, ${s.D}, ${s.M}, ${s.K}`,
      'x = np.random.default_rng(0).random((N, T, D), dtype="float32")'];
    const names = [];
    for (let i = 0; i < s.layers; i += 1) {
      const last = i === s.layers - 1;
      const opts = [];
      const rs = last ? s.return_sequences : 1;
      if (rs) opts.push("return_sequences=True");
      if (last && s.return_state) opts.push("return_state=True");
      const name = `rnn${i}`;
      names.push(name);
      if (s.bidirectional) {
        const layer = `keras.layers.${cls}(M, ${[...opts, `name="${inner}${i}"`].join(", ")})`;
        const merge = last && s.merge_mode !== "concat"
          ? (s.merge_mode === "none" ? "merge_mode=None, " : `merge_mode="${s.merge_mode}", `) : "";
        const one = `${name} = keras.layers.Bidirectional(${layer}, ${merge}name="${name}")`;
        if (one.length <= 88) lines.push(one);
        else lines.push(`${name} = keras.layers.Bidirectional(`, `    ${layer},`, `    ${merge}name="${name}",`, ")");
      } else {
        lines.push(`${name} = keras.layers.${cls}(M, ${[...opts, `name="${name}"`].join(", ")})`);
      }
    }
    const applied = names.reduce((inside, n) => `${n}(${inside})`, "x");  // rnn1(rnn0(x))
    const split = s.bidirectional && s.merge_mode === "none";
    const printed = [];
    if (split) {
      lines.push(`output_0, output_1${s.return_state ? ", *states" : ""} = ${applied}  # merge_mode=None: two tensors`);
      printed.push('print("output.0", tuple(output_0.shape))', 'print("output.1", tuple(output_1.shape))');
    } else {
      lines.push(`${s.return_state ? "output, *states" : "output"} = ${applied}`);
      printed.push('print("output", tuple(output.shape))');
      lines.push('head = keras.layers.Dense(K, name="head")', "y = head(output)");
    }
    lines.push('print("input", x.shape)', ...printed);
    if (s.return_state) {
      lines.push("for i, state in enumerate(states):", '    print(f"state.{i}", tuple(state.shape))');
    }
    if (!split) lines.push('print("head", tuple(y.shape))');
    lines.push(`for layer in (${names.join(", ")}${names.length === 1 ? "," : ""}):`,
      "    for w in layer.weights:", "        print(w.path, tuple(w.shape))",
      `print("parameters", ${names.map((n) => `${n}.count_params()`).join(" + ")})`);
    return lines.join("\n") + "\n";
  }

  /* The tensors as boxes: the last axis across, the one before it down, a leading third axis
     as a stack of sheets (at most four drawn). Sizes are drawn on a log scale. */
  function drawTensors(title, tensors, ops) {
    const W = 320;
    const cell = (n) => Math.min(56, 8 + 8 * Math.log2(Math.max(1, n)));
    const pic = svg("svg", { class: "rx-diagram", width: W, role: "img" });
    const titleNode = svg("title", {}, title);
    pic.append(titleNode);
    let y = 8;
    tensors.forEach((t, index) => {
      if (ops[index]) {
        const top = y;
        pic.append(svg("line", { class: "rx-arrow", x1: 36, y1: top, x2: 36, y2: top + 22 }));
        pic.append(svg("path", { class: "rx-arrowhead", d: `M31,${top + 18} L36,${top + 26} L41,${top + 18} z` }));
        pic.append(svg("text", { class: "rx-op", x: 50, y: top + 18 }, ops[index]));
        y += 32;
      }
      const dims = t.shape;
      const cols = dims[dims.length - 1];
      const rows = dims.length >= 2 ? dims[dims.length - 2] : 1;
      const sheets = dims.length >= 3 ? Math.min(4, dims[0]) : 1;
      const w = cell(cols), h = cell(rows), depth = (sheets - 1) * 5;
      const x0 = 8;
      for (let k = sheets - 1; k >= 0; k -= 1) {
        pic.append(svg("rect", {
          class: k === 0 ? "rx-sheet rx-front" : "rx-sheet",
          x: x0 + k * 5, y: y + depth - k * 5, width: w, height: h,
        }));
      }
      const textX = 80;
      const mid = y + (h + depth) / 2;
      pic.append(svg("text", { class: "rx-name", x: textX, y: mid - 3 }, t.name));
      pic.append(svg("text", { class: "rx-dims", x: textX, y: mid + 14 }, pyTuple(dims)));
      y += Math.max(h + depth, 34) + 10;
    });
    pic.setAttribute("viewBox", `0 0 ${W} ${y}`);
    pic.setAttribute("height", y);
    return pic;
  }

  // A card is a named region; `name` tells the reader's cards from the explorer's, which have
  // the same headings (axe-core: landmark-unique).
  function frameworkCard(title, id, body, name) {
    const naming = name ? { "aria-label": name } : { "aria-labelledby": id };
    return el("section", { class: "rx-card", ...naming },
      el("h3", { id }, title), body);
  }

  function renderExplorer(rules, s) {
    const results = el("div", { class: "rx-results" });
    const keys = explorerKeys(s);
    const env = sizesEnv(s);
    const torchRule = rules.torch[keys.torch];
    const kerasRows = rules.keras[keys.keras];
    const [torchCls, kerasCls] = CELLS[s.cell];

    // PyTorch
    const torchBody = [];
    torchBody.push(notesList(torchNotes(s)));
    let torchError = null;
    if (torchRule && !Array.isArray(torchRule) && torchRule.error) {
      torchError = torchRule.error;
      torchBody.push(el("p", { class: "rx-raises", "data-error": "torch" },
        `${torchCls}(…, proj_size=${s.proj_size}) raises, so there are no tensors:`));
      torchBody.push(el("pre", { class: "rx-message" }, el("code", { "data-message": "torch.explorer" },
        `${torchError[0]}: ${torchError[1]}`)));
    } else {
      const rows = shapeRows("torch", torchRule, env);
      const rnnOp = `${torchCls}${s.layers > 1 ? ` ×${s.layers} layers` : ""}${s.bidirectional ? ", 2 directions" : ""}`;
      const shown = rows.filter((r) => r.name !== "head");
      const ops = { 1: rnnOp, [shown.length]: `nn.Linear(…, K) on ${s.return_sequences ? "output" : s.bidirectional ? "h_n[-2:]" : "h_n[-1]"}` };
      torchBody.push(drawTensors(`PyTorch: ${rows.map((r) => `${r.name} ${pyTuple(r.shape)}`).join(", ")}`,
        [...shown, rows.find((r) => r.name === "head")], ops));
      torchBody.push(shapeTable("Tensors", rows, true));
      const weights = rules.torch_weights[keys.torchWeights];
      torchBody.push(shapeTable("Weights, as named_parameters() names them",
        shapeRows("torch", weights.weights, env), true));
      torchBody.push(el("p", { class: "rx-params" }, "Parameters of the recurrent part: ",
        el("strong", { "data-params": "torch" }, String(evaluate(weights.params, env))),
        ` = ${pretty(weights.params)}`));
    }
    // Keras
    const kerasBody = [notesList(kerasNotes(s))];
    const krows = shapeRows("keras", kerasRows, env);
    const outputs = krows.filter((r) => r.name.startsWith("output"));
    const states = krows.filter((r) => r.name.startsWith("state"));
    const head = krows.filter((r) => r.name === "head");
    const kop = `${s.bidirectional ? `Bidirectional(${kerasCls})` : kerasCls}${s.layers > 1 ? ` ×${s.layers} layers` : ""}`;
    const kops = { 1: kop };
    if (head.length) kops[1 + outputs.length + states.length] = "Dense(K) on output";
    kerasBody.push(drawTensors(`Keras: ${krows.map((r) => `${r.name} ${pyTuple(r.shape)}`).join(", ")}`,
      [krows[0], ...outputs, ...states, ...head], kops));
    kerasBody.push(shapeTable("Tensors", krows, true));
    const kweights = rules.keras_weights[keys.kerasWeights];
    kerasBody.push(shapeTable("Weights, by variable path", shapeRows("keras", kweights.weights, env), true));
    kerasBody.push(el("p", { class: "rx-params" }, "Parameters of the recurrent part: ",
      el("strong", { "data-params": "keras" }, String(evaluate(kweights.params, env))),
      ` = ${pretty(kweights.params)}`));

    results.append(el("div", { class: "rx-cards" },
      frameworkCard("PyTorch", "rx-torch-title", torchBody),
      frameworkCard("Keras", "rx-keras-title", kerasBody)));
    results.append(el("div", { class: "rx-codes" },
      el("h3", { id: "rx-code-title" }, "The code"),
      el("p", {}, "Each block runs as it is and prints the shapes above."),
      el("p", { class: "rx-code-label" }, `PyTorch ${rules.versions.torch}`),
      codeBlock(torchCode(s, keys, torchError), "torch", "PyTorch"),
      el("p", { class: "rx-code-label" }, `Keras ${rules.versions.keras}`),
      codeBlock(kerasCode(s), "keras", "Keras")));
    return results;
  }

  /* -------------------------------------------------------------- how will my tensor be read? */

  function readEnv(shape, layer) {
    const env = { k: shape.length, last: shape[shape.length - 1] };
    for (let i = 0; i < 4; i += 1) env[`s${i}`] = i < shape.length ? shape[i] : 0;
    env.q = shape.length - (env.last === 1 ? 1 : 0);
    for (const [key, value] of Object.entries(layer)) if (typeof value === "number") env[key] = value;
    return env;
  }

  function readTuples(shape, layer) {
    const tuples = { shape: pyTuple(shape) };
    const sq = shape[shape.length - 1] === 1 ? shape.slice(0, -1) : shape;
    if (sq.length) tuples.sq = pyTuple(sq);
    if (layer.declared) tuples.declared = pyTuple([null, ...layer.declared]);
    return tuples;
  }

  function renderMessage(template, env, tuples) {
    return template.replace(/\{([^{}]+)\}/g, (m, name) =>
      (Object.prototype.hasOwnProperty.call(tuples, name) ? tuples[name] : String(evaluate(name, env))));
  }

  function predict(cases, shape, layer) {
    const env = readEnv(shape, layer);
    const tuples = readTuples(shape, layer);
    for (const c of cases) {
      if (!evaluate(c.when, env)) continue;
      if (c.outcome === "error") return { case: c.id, outcome: "error", message: renderMessage(c.message, env, tuples) };
      const sizes = { N: null, T: null, D: null };
      for (const label of c.added) sizes[label] = 1;
      c.axes.forEach((label, i) => { if (label !== "1") sizes[label] = shape[i]; });
      return { case: c.id, outcome: "runs", axes: c.axes, added: c.added, ...sizes };
    }
    throw new Error("no case applies");
  }

  const AXIS_WORDS = { N: "N", T: "T", D: "D", 1: "an extra axis of 1" };

  function verdict(result, labels) {
    if (result.outcome === "error") return { verdict: "error", text: "Raises:" };
    const differ = [];
    result.axes.forEach((label, i) => {
      if (label !== labels[i]) differ.push(`your ${AXIS_WORDS[labels[i]]} axis (axis ${i}) as ${label === "1" ? "an axis of 1 to drop" : label}`);
    });
    for (const label of result.added) {
      if (labels.includes(label)) differ.push(`adds a ${label} axis of 1 although you have one`);
    }
    if (result.N === null && labels.includes("N")) differ.push("no N at all: one unbatched sequence");
    if (!differ.length) return { verdict: "ok", text: "Runs as you meant." };
    return { verdict: "silent", text: `Runs, but silently reads ${differ.join("; ")}. Nothing is raised.` };
  }

  function readingList(framework, result, shape) {
    const item = (letter, value, why) => el("li", {}, `${letter} = `,
      el("strong", { "data-read": `${framework}.${letter}` }, value === null ? "none" : String(value)),
      why ? ` (${why})` : "");
    const where = (letter) => {
      const i = result.axes.indexOf(letter);
      if (i >= 0) return `axis ${i}`;
      if (result.added.includes(letter)) return "an axis of 1 it adds";
      return letter === "N" ? "no batch axis: one unbatched sequence" : "";
    };
    const list = el("ul", { class: "rx-reading" },
      ["N", "T", "D"].map((letter) => item(letter, result[letter], where(letter))));
    if (result.axes.includes("1")) list.append(el("li", {}, `axis ${result.axes.indexOf("1")} (size ${shape[result.axes.indexOf("1")]}) is dropped`));
    return list;
  }

  function torchReadCode(cell, M, shape, r) {
    const cls = CELLS[cell][0];
    const lstm = cell === "lstm";
    return [
      "import torch", "from torch import nn", "",
      `rnn = ${cls}(input_size=${r.input_size}, hidden_size=${M}, batch_first=${r.read_batch_first ? "True" : "False"})`,
      `x = torch.zeros(${shape.join(", ")})`,
      "try:",
      `    output, ${lstm ? "(h_n, c_n)" : "h_n"} = rnn(x)`,
      '    print("output", tuple(output.shape), "h_n", tuple(h_n.shape))',
      "except (RuntimeError, ValueError) as e:",
      '    print(f"{type(e).__name__}: {e}")',
    ].join("\n") + "\n";
  }

  function kerasReadCode(cell, M, shape, declared) {
    const cls = CELLS[cell][1];
    const lines = ["import keras", "import numpy as np", "", `data = np.zeros(${pyTuple(shape)}, dtype="float32")`, "try:"];
    if (declared === "direct") {
      lines.push(`    rnn = keras.layers.${cls}(${M}, return_sequences=True, name="rnn")`,
        '    print("output", tuple(rnn(data).shape))  # no keras.Input: the layer alone');
    } else {
      lines.push(`    x = keras.Input(shape=${pyTuple(declared)}, name="x")`,
        `    rnn = keras.layers.${cls}(${M}, return_sequences=True, name="rnn")`,
        '    model = keras.Model(x, rnn(x), name="model")',
        '    print("output", tuple(model(data).shape))');
    }
    lines.push("except Exception as e:  # TensorFlow's op errors are not ValueErrors",
      '    print(f"{type(e).__name__}: {e}")');
    return lines.join("\n") + "\n";
  }

  function readPanel(framework, title, result, labels, shape, code) {
    const v = verdict(result, labels);
    const body = [el("p", { class: `rx-verdict rx-verdict--${v.verdict}`, "data-verdict": v.verdict, "data-framework": framework },
      el("strong", {}, { ok: "Runs as intended. ", silent: "Silent misreading. ", error: "Raises. " }[v.verdict]),
      v.verdict === "ok" ? "" : v.verdict === "error" ? "" : v.text.replace(/^Runs, but /, "It runs, but "))];
    if (result.outcome === "error") {
      body.push(el("pre", { class: "rx-message" }, el("code", { "data-message": framework }, result.message)));
    } else {
      body.push(el("p", {}, `${title} reads it as:`), readingList(framework, result, shape));
    }
    body.push(el("details", { class: "rx-details" }, el("summary", {}, "The code that shows it"),
      codeBlock(code, `${framework}-read`, `${title} reading`)));
    return frameworkCard(title, `rx-read-${framework}`, body, `How ${title} reads the tensor`);
  }

  function renderReader(rules, layerState, r) {
    const labels = r.axes === "NTD1" ? ["N", "T", "D", "1"] : r.axes.split("");
    const cell = layerState.cell, M = layerState.M;
    const shape = r.tensor;
    const torchResult = predict(rules.read.torch[cell], shape,
      { input_size: r.input_size, batch_first: r.read_batch_first, M });
    const kerasLayer = r.keras_input === "direct" ? { direct: 1, M }
      : { declared: r.keras_input, ki: r.keras_input.length, M,
        Ti: r.keras_input.length === 2 ? r.keras_input[0] : 0,
        Di: r.keras_input.length === 2 ? r.keras_input[1] : 0 };
    const kerasResult = predict(rules.read[r.keras_input === "direct" ? "keras_direct" : "keras_input"][cell], shape, kerasLayer);
    return el("div", { class: "rx-results" },
      el("p", { class: "rx-read-summary" }, `Your tensor: ${pyTuple(shape)}, read by you as ${labels.map((l) => (l === "1" ? "1" : l)).join("×")}; the layer: ${CELLS[cell][0]} / ${CELLS[cell][1]} with M = ${M}.`),
      el("div", { class: "rx-cards" },
        readPanel("torch", "PyTorch", torchResult, labels, shape, torchReadCode(cell, M, shape, r)),
        readPanel("keras", "Keras", kerasResult, labels, shape, kerasReadCode(cell, M, shape, r.keras_input))));
  }

  /* ------------------------------------------------------------------------------ wiring */

  function setup(rules) {
    const controls = {};
    const url = () => new URLSearchParams(location.search);

    function collect() {
      const query = url();
      for (const [name, kind] of [...PARAMS, ...READ_PARAMS]) {
        if (controls[name]) query.set(name, controlValue(controls[name], kind));
      }
      if (controls.tensor) {  // a tensor of another rank: its first way of naming the axes
        const shape = parseShape("tensor", query.get("tensor"), [1, 4], [], false);
        const allowed = shape ? AXES_BY_RANK[shape.length].map((o) => o[0]) : [];
        if (shape && !allowed.includes(query.get("axes"))) query.set("axes", allowed[0]);
      }
      history.replaceState(history.state, "", `${location.pathname}?${query.toString()}${location.hash}`);
      update();
    }

    function build(root, prefix, table, legend, split) {
      const form = el("form", { class: "rx-form", "aria-label": legend });
      form.addEventListener("submit", (e) => e.preventDefault());
      const groups = {};
      for (const param of table) {
        const group = split && param[1] === "bool" ? "options" : "values";
        groups[group] = groups[group] || el("fieldset", { class: `rx-group rx-group--${group}` },
          el("legend", {}, group === "options" ? "Options" : legend));
        const f = field(prefix, param, collect);
        controls[param[0]] = f.querySelector("input, select");
        groups[group].append(f);
      }
      form.append(...Object.values(groups));
      root.append(form);
      return form;
    }

    let explorerOut = null, readerOut = null, explorerLive = null, readerLive = null;
    const summary = (root, attr) => [...root.querySelectorAll(attr)]
      .map((e) => `${e.getAttribute(attr.slice(1, -1))} ${e.getAttribute("data-verdict") || e.textContent}`);
    if (explorerRoot) {
      explorerRoot.textContent = "";
      build(explorerRoot, "rx", PARAMS, "Sizes and layer", true);
      explorerOut = el("div", { class: "rx-output" });
      explorerLive = el("p", { class: "rx-sr-only", "aria-live": "polite" });
      explorerRoot.append(explorerLive, explorerOut);
    }
    if (readerRoot) {
      readerRoot.textContent = "";
      build(readerRoot, "rx-read", READ_PARAMS, "Your tensor and your layers", false);
      readerOut = el("div", { class: "rx-output" });
      readerLive = el("p", { class: "rx-sr-only", "aria-live": "polite" });
      readerRoot.append(readerLive, readerOut);
    }

    function fillAxes(rank, raw) {
      const select = controls.axes;
      if (!select) return;
      const options = AXES_BY_RANK[rank] || [];
      const current = [...select.options].map((o) => o.value).join(",");
      if (current !== options.map((o) => o[0]).join(",")) {
        select.textContent = "";
        for (const [value, text] of options) select.append(el("option", { value }, text));
      }
      if (options.some((o) => o[0] === raw)) select.value = raw;
    }

    function update() {
      const query = url();
      const errors = [];
      const state = readParams(PARAMS, query, errors);
      for (const [name, kind] of PARAMS) {
        if (controls[name] && document.activeElement !== controls[name]) {
          setControl(controls[name], kind, query.has(name) ? query.get(name) : String(PARAMS.find((p) => p[0] === name)[2]));
        }
      }
      if (explorerRoot) {
        alertBox(explorerRoot, errors);
        explorerOut.textContent = "";
        if (!errors.length) explorerOut.append(renderExplorer(rules, state));
        const outs = summary(explorerOut, "[data-shape]").filter((t) => /\.(output|head)/.test(t));
        explorerLive.textContent = errors.length ? "" : `Shapes: ${outs.join("; ")}.`;
      }
      if (readerRoot) {
        const readErrors = [];
        const r = readParams(READ_PARAMS, query, readErrors);
        for (const [name, kind, fallback] of READ_PARAMS) {
          if (name === "axes") continue;
          if (controls[name] && document.activeElement !== controls[name]) {
            setControl(controls[name], kind, query.has(name) ? query.get(name) : String(fallback));
          }
        }
        const rank = Array.isArray(r.tensor) ? r.tensor.length : 3;
        fillAxes(rank, r.axes);
        if (Array.isArray(r.tensor)) {
          const allowed = (AXES_BY_RANK[rank] || []).map((o) => o[0]);
          if (!allowed.includes(r.axes)) {
            if (query.has("axes")) {
              readErrors.push(`axes must name the ${rank} axes of your tensor: one of ${allowed.join(", ")}; got ${quoted(r.axes)}.`);
            } else {
              r.axes = allowed[0];
            }
          }
        }
        const layerOk = state.cell !== null && state.M !== null;
        if (!layerOk) readErrors.push("the layer above has an invalid cell or M: fix it first.");
        alertBox(readerRoot, readErrors);
        readerOut.textContent = "";
        if (!readErrors.length) readerOut.append(renderReader(rules, state, r));
        readerLive.textContent = readErrors.length ? ""
          : `Verdicts: ${summary(readerOut, "[data-framework]").join("; ")}.`;
      }
    }

    update();
  }

  function fail(message) {
    for (const root of [explorerRoot, readerRoot]) {
      if (!root) continue;
      root.textContent = "";
      alertBox(root, [message]);
    }
  }

  fetch(RULES_URL, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then(setup)
    .catch((err) => fail(`The shape rules could not be loaded (${err.message}).`));
})();
