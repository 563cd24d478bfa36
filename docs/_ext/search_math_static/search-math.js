// Search results quote a stretch of each page's text. The pages' maths is
// TeX until MathJax typesets it, so without this script a quote reads
// "\(\mathrm{error}_L = y - a_L\)" or "\end{bmatrix}". This script turns
// each equation into plain text ("error_L = y − a_L") before Sphinx's
// searchtools.js takes the page's text. Deferred, so it runs after
// searchtools.js has defined Search, and only does anything on the search page.
(function () {
  "use strict";

  var SYMBOLS = {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", Delta: "Δ", varepsilon: "ε",
    epsilon: "ε", eta: "η", theta: "θ", lambda: "λ", mu: "μ", pi: "π",
    sigma: "σ", Sigma: "Σ", tau: "τ", phi: "φ", omega: "ω", sum: "Σ",
    partial: "∂", cdot: "·", odot: "⊙", times: "×", leftarrow: "←",
    rightarrow: "→", to: "→", approx: "≈", neq: "≠", ne: "≠", le: "≤",
    leq: "≤", ge: "≥", geq: "≥", infty: "∞", dots: "…", ldots: "…",
    cdots: "…", pm: "±", in: "∈", log: "log", exp: "exp", max: "max",
    min: "min", lfloor: "⌊", rfloor: "⌋", lceil: "⌈", rceil: "⌉",
    mid: "|", quad: " ", qquad: " ", left: "", right: "", big: "", Big: "",
  };

  // One equation's TeX as a line of plain text.
  function texToText(tex) {
    var s = tex.trim();
    s = s.replace(/^\\\(|\\\)$|^\\\[|\\\]$/g, "");
    s = s.replace(/\\(begin|end)\{[a-z*]*\}/g, " ");
    s = s.replace(/\\\|/g, "‖").replace(/\\[dt]?frac(\d)(\d)/g, "$1/$2");
    // Font and accent commands and the braces of sub- and superscripts go,
    // and \frac{a}{b} becomes (a)/(b), innermost first, until nothing changes.
    s = s.replace(/\^\{?T\}?/g, "ᵀ");
    var before;
    do {
      before = s;
      s = s.replace(/\\(?:mathrm|text|operatorname|mathbf|mathit|boldsymbol|overline|bar|hat|tilde)\{([^{}]*)\}/g, "$1");
      s = s.replace(/([_^])\{([^{}]*)\}/g, "$1$2");
      s = s.replace(/\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}/g, function (m, a, b) {
        var wrap = function (x) { return /^[\w.]+$/.test(x) ? x : "(" + x + ")"; };
        return wrap(a) + "/" + wrap(b);
      });
    } while (s !== before);
    s = s.replace(/\\([A-Za-z]+)/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(SYMBOLS, name) ? SYMBOLS[name] : name;
    });
    s = s.replace(/\\\\/g, "; ").replace(/\\[,;:! ]/g, " ").replace(/&/g, "");
    s = s.replace(/[{}]/g, "").replace(/-/g, "−").replace(/\s+/g, " ");
    return s.trim();
  }

  window.dlaudioTexToText = texToText;
  if (typeof Search === "undefined" || !Search.htmlToText) return;

  var htmlToText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".math").forEach(function (el) {
      var display = el.tagName === "DIV";
      el.textContent = (display ? " " : "") + texToText(el.textContent) + (display ? ". " : "");
    });
    return htmlToText(doc.documentElement.outerHTML, anchor);
  };
})();
