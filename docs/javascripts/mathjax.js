// MathJax 2, served from assets/mathjax. Pages written in Markdown carry arithmatex's \( \) and
// \[ \] delimiters; notebook pages add $ delimiters through nbconvert's text/x-mathjax-config
// block, which MathJax merges in at start-up. MathJax itself never looks inside pre/code.
// jupyter-server-mathjax ships the HTML-CSS output with the STIX web fonts (served locally).
// Notebook pages load this file twice (nbconvert's template names it as its MathJax URL, and
// extra_javascript adds it to every page): a second run would replace the started MathJax with
// this plain configuration and break it mid-typeset. Run once.
if (!window.lecturerefMathJax) {
  window.lecturerefMathJax = true;

  window.MathJax = {
    "HTML-CSS": {
      availableFonts: [],
      preferredFont: null,
      webFont: "STIX-Web",
      imageFont: null,
      // MathJax's probe font points at about:blank, which Chromium refuses with a console error;
      // a local() source fetches nothing and falls back the same way.
      styles: {
        "@font-face": { "font-family": "MathJax_Blank", src: "local('MathJax_Blank')" },
        // The hidden MathML copy for screen readers (AssistiveMML) would pick up the NativeMML
        // styles' \mathcal / \mathbb web fonts (TeX/otf), which this MathJax does not ship: 404s.
        // Hidden text needs no font.
        ".MJX_Assistive_MathML, .MJX_Assistive_MathML *": { "font-family": "inherit !important" },
      },
    },
    tex2jax: {
      inlineMath: [["\\(", "\\)"]],
      displayMath: [["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true,
    },
    showMathMenu: false,
    messageStyle: "none",
  };

  // Material's instant navigation swaps pages without a reload: typeset each new page. Before
  // MathJax has started (isReady), its own start-up typesets the page; queueing a typeset then
  // would reach for an output processor that is not loaded yet.
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () {
      if (window.MathJax && window.MathJax.isReady && window.MathJax.Hub) {
        window.MathJax.Hub.Queue(["Typeset", window.MathJax.Hub]);
      }
    });
  }
}
