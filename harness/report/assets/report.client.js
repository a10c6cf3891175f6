// Client code of reports/report.html, inlined at generation time: charts, table sorting and
// filtering. Data comes from the inline JSON block; nothing is fetched at view time.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('fw-data').textContent);

  function chart(id, config) {
    var el = document.getElementById(id);
    if (!el || typeof Chart === 'undefined') return;
    new Chart(el, config);
  }

  // Coverage as a share of each group's documented paths (100% stacked), so a 12-field embedding
  // and a 470-field Responses event read the same way; counts are in the tooltip.
  var cov = data.coverage;
  function pct(n, d) { return d > 0 ? Math.round((1000 * n) / d) / 10 : 0; }
  chart('coverage-chart', {
    type: 'bar',
    data: {
      labels: cov.map(function (g) { return g.key + (g.undocumented ? '  (+' + g.undocumented + ' undocumented)' : ''); }),
      datasets: [
        { label: 'documented, observed (%)', data: cov.map(function (g) { return pct(g.observed, g.documented); }), backgroundColor: '#1a7f37' },
        { label: 'documented, never observed (%)', data: cov.map(function (g) { return pct(g.documented - g.observed, g.documented); }), backgroundColor: '#afb8c1' },
      ],
    },
    options: {
      indexAxis: 'y', animation: false, maintainAspectRatio: false,
      scales: { x: { stacked: true, max: 100, title: { display: true, text: '% of documented field paths' } }, y: { stacked: true } },
      plugins: { tooltip: { callbacks: { afterBody: function (items) {
        var g = cov[items[0].dataIndex];
        return g.observed + ' of ' + g.documented + ' documented paths seen; ' + g.undocumented + ' undocumented paths seen';
      } } } },
    },
  });

  var st = data.streams;
  chart('stream-chart', {
    type: 'bar',
    data: {
      labels: st.map(function (s) { return s.label; }),
      datasets: [
        { label: 'time to first event (ms)', data: st.map(function (s) { return s.firstEventMs; }), backgroundColor: '#0969da' },
        { label: 'median gap (ms)', data: st.map(function (s) { return s.medianGapMs; }), backgroundColor: '#bf8700' },
        { label: 'max gap (ms)', data: st.map(function (s) { return s.maxGapMs; }), backgroundColor: '#8250df' },
      ],
    },
    options: { indexAxis: 'y', animation: false, maintainAspectRatio: false },
  });

  // Sortable tables: click a header; numbers sort numerically (data-sort overrides the text).
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th').forEach(function (th, col) {
      th.classList.add('sortable');
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var c = row.cells[col]; var v = c.getAttribute('data-sort') || c.textContent || '';
          var n = Number(v); return v !== '' && !isNaN(n) ? n : v.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  // Findings filter: free text (all words must match) plus a kind selector.
  var input = document.getElementById('finding-filter');
  var kind = document.getElementById('finding-kind');
  var count = document.getElementById('finding-count');
  function applyFilter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var k = kind.value; var shown = 0;
    document.querySelectorAll('#findings tbody tr').forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var ok = (!k || row.getAttribute('data-kind') === k) && words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !ok; if (ok) shown++;
    });
    count.textContent = shown + ' shown';
  }
  if (input && kind) { input.addEventListener('input', applyFilter); kind.addEventListener('change', applyFilter); applyFilter(); }

  // Field explorer: one operation at a time.
  var pick = document.getElementById('explorer-op');
  function showOp() {
    document.querySelectorAll('.explorer-op').forEach(function (el) { el.hidden = el.getAttribute('data-op') !== pick.value; });
  }
  if (pick) { pick.addEventListener('change', showOp); showOp(); }
  var hide = document.getElementById('hide-never');
  if (hide) hide.addEventListener('change', function () { document.getElementById('explorer').classList.toggle('hide-never', hide.checked); });
})();
