/*
 * tei-edition: the edition site's scripts. No framework, no server: works from file://.
 * - The table of documents sorts by date (a real button; aria-sort says the order).
 * The search page's script is search.js.
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
})();
