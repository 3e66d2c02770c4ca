/*
 * tei-edition: the edition site's scripts. No framework, no server: works from file://.
 * - The table of documents sorts by date (a real button; aria-sort says the order).
 * - Search: MiniSearch with the index prebuilt into search-index.js (window.TEI_EDITION_SEARCH); the
 *   passages mark the words with the document pages' markText (html/edition.js, window.TeiEdition).
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
      storeFields: ['doc', 'title', 'anchor', 'diplomatic', 'normalized'],
    });
    var results = document.getElementById('results');
    var status = document.getElementById('search-status');
    var squash = function (s) {
      return s.replace(/\s+/g, ' ').trim().toLowerCase();
    };
    /** "quoted phrases" and the other words of a query. */
    var parse = function (q) {
      var phrases = [];
      var words = q.replace(/"([^"]*)"?/g, function (m, p) {
        if (p.trim()) phrases.push(p.trim());
        return ' ';
      });
      return { phrases: phrases, words: words.trim() };
    };
    var has = function (text, phrase) {
      var t = ' ' + squash(text).replace(/[^\w’'\- ]+/g, ' ').replace(/\s+/g, ' ') + ' ';
      return t.indexOf(' ' + squash(phrase).replace(/[^\w’'\- ]+/g, ' ').replace(/\s+/g, ' ') + ' ') >= 0;
    };
    /** The text with the words marked. */
    var snippet = function (text, marks) {
      var p = document.createElement('p');
      var cut = function (from) {
        var start = Math.max(0, from - 80);
        var end = Math.min(text.length, start + 260);
        return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
      };
      if (!marks.length) {
        p.textContent = cut(0);
        return p;
      }
      var re = new RegExp(
        marks
          .map(function (m) {
            return m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
          })
          .join('|'),
        'gi',
      );
      // The passage around the first hit.
      var first = text.search(re);
      // Marked as the document page marks them (edition.js, loaded before this script).
      p.appendChild(window.TeiEdition.markText(cut(first > 0 ? first : 0), re).fragment);
      return p;
    };
    var run = function () {
      var q = input.value.trim();
      results.innerHTML = '';
      if (!q) {
        status.textContent = '';
        return;
      }
      var parsed = parse(q);
      var all = (parsed.words + ' ' + parsed.phrases.join(' ')).trim();
      var hits = all
        ? index.search(all, parsed.phrases.length ? { prefix: true, fuzzy: 0.2, combineWith: parsed.words ? 'OR' : 'AND' } : { prefix: true, fuzzy: 0.2 })
        : [];
      // A phrase is the words in that order: the block must hold it, in one view or the other.
      hits = hits.filter(function (h) {
        return parsed.phrases.every(function (p) {
          return has(h.diplomatic, p) || has(h.normalized, p);
        });
      });
      // Grouped by document, the documents in the order of their best hit.
      var groups = [];
      var byDoc = {};
      hits.forEach(function (h) {
        if (!byDoc[h.doc]) {
          byDoc[h.doc] = { doc: h.doc, title: h.title, hits: [] };
          groups.push(byDoc[h.doc]);
        }
        byDoc[h.doc].hits.push(h);
      });
      status.textContent =
        hits.length + (hits.length === 1 ? ' result' : ' results') + (groups.length ? ' in ' + groups.length + (groups.length === 1 ? ' document' : ' documents') : '');
      groups.forEach(function (g) {
        var li = document.createElement('li');
        var h = document.createElement('h2');
        h.className = 'results-doc';
        h.textContent = g.title + ' ';
        var count = document.createElement('span');
        count.className = 'count';
        count.textContent = '(' + g.hits.length + (g.hits.length === 1 ? ' result)' : ' results)');
        h.appendChild(count);
        li.appendChild(h);
        var ol = document.createElement('ol');
        g.hits.forEach(function (hit) {
          // The words as the text has them (a near spelling finds "Kuznatsov"), and the phrases.
          var words = Object.keys(hit.match || {});
          // A phrase's own words are marked as the phrase, not one by one.
          var inPhrases = parsed.phrases.join(' ').toLowerCase().split(/\s+/);
          var marked = words.filter(function (w) {
            return inPhrases.indexOf(w.toLowerCase()) < 0;
          });
          var marks = parsed.phrases.concat(marked);
          // The view that shows the hit: the reading text follows the first copy and leaves out
          // deletions; a hit only in another copy, or only in the diplomatic text, opens that view.
          var copy = Number(String(hit.id).split('/')[1] || 0);
          var inReading =
            copy === 0 &&
            (parsed.phrases.length
              ? parsed.phrases.every(function (p) {
                  return has(hit.normalized, p);
                })
              : true) &&
            (words.length === 0 ||
              words.some(function (w) {
                return hit.match[w].indexOf('normalized') >= 0;
              }) ||
              words.every(function (w) {
                return hit.match[w].indexOf('diplomatic') < 0;
              }));
          var view = inReading ? 'normalized' : 'diplomatic';
          var hl = parsed.phrases
            .map(function (p) {
              return '"' + p + '"';
            })
            .concat(marked)
            .join(' ');
          var item = document.createElement('li');
          var a = document.createElement('a');
          a.href =
            'html/' + encodeURIComponent(hit.doc) + '.html#view=' + view + (hit.anchor ? '&at=' + encodeURIComponent(hit.anchor) : '') + (hl ? '&hl=' + encodeURIComponent(hl) : '');
          a.textContent = (hit.anchor ? '¶ ' + hit.anchor : hit.title) + (view === 'diplomatic' ? ' (diplomatic transcription' + (copy > 0 ? ', another copy' : '') + ')' : '');
          item.appendChild(a);
          item.appendChild(snippet(view === 'diplomatic' ? hit.diplomatic : hit.normalized, marks));
          ol.appendChild(item);
        });
        li.appendChild(ol);
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
