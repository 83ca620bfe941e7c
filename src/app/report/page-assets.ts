// The report page's own style and script: constants, so the page's Content-Security-Policy
// can allow exactly these by hash. The script only filters rows; it never reads record text as code.
export const PAGE_STYLE = `
:root { font: 14px/1.45 system-ui, sans-serif; color: #1d2330; background: #fbfbfd; }
body { margin: 0; }
header { padding: 16px 24px 8px; border-bottom: 1px solid #dde1ea; background: #fff; position: sticky; top: 0; z-index: 1; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #dde1ea; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 8px 0 4px; }
h4 { font-size: 13px; margin: 10px 0 4px; }
nav a { margin-right: 14px; }
nav input { margin-left: 8px; padding: 3px 6px; min-width: 240px; }
main { padding: 0 24px 40px; max-width: 1200px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid #dde1ea; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f0f2f7; }
ul, ol { margin: 2px 0; padding-left: 18px; }
code, pre { font: 12px/1.4 ui-monospace, monospace; }
pre { white-space: pre-wrap; word-break: break-word; background: #f4f5f8; padding: 6px 8px; margin: 4px 0; max-height: 16em; overflow: auto; }
.pre { white-space: pre-wrap; }
.muted { color: #687086; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; background: #e6e9f0; font-size: 12px; }
.badge.ok { background: #d9f2de; color: #16622a; }
.badge.bad { background: #fbdcdc; color: #9b1c1c; }
.badge.warn { background: #fdf0cf; color: #7a5300; }
.bad-text { color: #9b1c1c; }
.status { font-size: 12px; padding: 0 5px; border: 1px solid #c9cfdb; border-radius: 4px; }
.s-done, .p-approved { border-color: #16622a; color: #16622a; }
.s-failed, .p-rejected { border-color: #9b1c1c; color: #9b1c1c; }
li.stale code { text-decoration: underline wavy #9b1c1c; }
.adr { background: #fff; border: 1px solid #dde1ea; border-radius: 6px; padding: 8px 14px; margin: 10px 0; }
.adr.superseded { opacity: 0.75; }
.adr dl { display: grid; grid-template-columns: 90px 1fr; gap: 2px 10px; margin: 6px 0; }
.adr dt { font-weight: 600; }
.adr dd { margin: 0; }
.judgment { border-left: 3px solid #9467bd; padding: 2px 10px; margin: 8px 0; background: #f7f4fb; }
li.chosen { font-weight: 600; }
.task { background: #fff; border: 1px solid #dde1ea; border-radius: 6px; padding: 6px 12px; margin: 6px 0; }
.task summary { cursor: pointer; }
li.refusal { color: #9b1c1c; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 16px; }
.card { background: #fff; border: 1px solid #dde1ea; border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.card .value { font-size: 18px; font-weight: 600; }
.card .label { color: #687086; font-size: 12px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart { margin: 0; background: #fff; border: 1px solid #dde1ea; border-radius: 6px; padding: 8px; }
.chart figcaption { font-weight: 600; margin-bottom: 4px; }
.chart svg { max-width: 100%; height: auto; }
.chart .grid { stroke: #e3e6ee; }
.chart .axis-line { stroke: #8a91a5; }
.chart .axis, .chart .legend { font-size: 11px; fill: #4a5064; }
.chart .series { fill: none; stroke-width: 2; }
.empty { color: #687086; font-style: italic; }
[hidden] { display: none !important; }
`;

export const PAGE_SCRIPT = `
(function () {
  var input = document.getElementById('filter');
  if (!input) return;
  input.addEventListener('input', function () {
    var query = input.value.trim().toLowerCase();
    var rows = document.querySelectorAll('[data-filter]');
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      row.hidden = query !== '' && (row.textContent || '').toLowerCase().indexOf(query) < 0;
    }
  });
})();
`;
