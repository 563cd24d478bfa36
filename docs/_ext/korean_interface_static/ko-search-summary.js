// Sphinx's Korean catalog leaves the "search finished" message empty, so the
// Korean search page would show no summary line. Fill it in.
(function () {
  if (typeof Documentation === "undefined") return;
  var found = "검색을 마쳤습니다. 검색어와 일치하는 페이지를 ${resultCount}개 찾았습니다.";
  Documentation.TRANSLATIONS["Search finished, found one page matching the search query."] = [found];
})();
