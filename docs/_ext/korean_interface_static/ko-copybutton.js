// Korean for sphinx-copybutton, whose table of languages has none. Runs right
// after copybutton.js, whose top-level `messages`, `locale`, `iconCopy` and
// `iconCheck` it can see; the buttons are only made once the page has loaded.
(function () {
  if (typeof messages === "undefined" || typeof locale === "undefined") return;
  messages["ko"] = {
    copy: "복사",
    copy_to_clipboard: "클립보드에 복사",
    copy_success: "복사했습니다!",
    copy_failure: "복사하지 못했습니다",
  };
  if (document.documentElement.lang !== "ko" || locale === "ko") return;
  // The icons were drawn with the English titles before Korean existed.
  const en = messages[locale];
  iconCopy = iconCopy.replace(
    `<title>${en.copy_to_clipboard}</title>`,
    `<title>${messages.ko.copy_to_clipboard}</title>`,
  );
  iconCheck = iconCheck.replace(
    `<title>${en.copy_success}</title>`,
    `<title>${messages.ko.copy_success}</title>`,
  );
  locale = "ko";
})();
