/*
 * tei-edition: the edition site's scripts. No framework, no server: works from file://.
 * - The table of documents sorts by date (a real button; aria-sort says the order).
 * - Search: MiniSearch with the index prebuilt into search-index.js (window.TEI_EDITION_SEARCH).
 */
(function () {
  'use strict';

  var sortButton = document.querySelector('table.documents button.sort');
  if (sortButton) {
    sortButton.addEventListener('click', function () {
      var th = sortButton.closest('th');
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      var body = document.querySelector('table.documents tbody');
      var rows = Array.prototype.slice.call(body.querySelectorAll('tr'));
      rows.sort(function (a, b) {
        var x = a.getAttribute('data-date');
        var y = b.getAttribute('data-date');
        return ascending ? (x < y ? -1 : x > y ? 1 : 0) : x < y ? 1 : x > y ? -1 : 0;
      });
      rows.forEach(function (r) {
        body.appendChild(r);
      });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    });
  }

  var input = document.getElementById('q');
  if (input && window.MiniSearch && window.TEI_EDITION_SEARCH) {
    var index = window.MiniSearch.loadJS(window.TEI_EDITION_SEARCH, {
      fields: ['diplomatic', 'normalized', 'title'],
      storeFields: ['doc', 'title', 'anchor', 'normalized'],
    });
    var results = document.getElementById('results');
    var status = document.getElementById('search-status');
    var run = function () {
      var q = input.value.trim();
      results.innerHTML = '';
      if (!q) {
        status.textContent = '';
        return;
      }
      var hits = index.search(q, { prefix: true, fuzzy: 0.2 }).slice(0, 50);
      status.textContent = hits.length + (hits.length === 1 ? ' result' : ' results');
      hits.forEach(function (h) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = 'html/' + encodeURIComponent(h.doc) + '.html#view=normalized' + (h.anchor ? '&at=' + encodeURIComponent(h.anchor) : '');
        a.textContent = h.title + (h.anchor ? ' (¶ ' + h.anchor + ')' : '');
        var p = document.createElement('p');
        p.textContent = h.normalized.length > 220 ? h.normalized.slice(0, 220) + '…' : h.normalized;
        li.appendChild(a);
        li.appendChild(p);
        results.appendChild(li);
      });
    };
    input.addEventListener('input', run);
    var fromUrl = new URLSearchParams(location.search).get('q');
    if (fromUrl) {
      input.value = fromUrl;
      run();
    }
  }
})();
