/*
 * tei-edition: the edition's search page (search.html). No framework, no server: works from file://.
 *
 * The index is split (src/site/search.ts writes it under search/): a query loads, by script tags,
 * the manifest (search/index.js), the dictionary of its words' first letters (d<k>.js), the term
 * shards of the words it matches (t<b>.js) and the text of the units they name (s<k>.js); these are
 * put together into a MiniSearch index of those units, with the edition's counts and average field
 * lengths, so that the units score as in one index of the whole edition. Each file is loaded once.
 */
(function () {
  'use strict';

  var FIELDS = ['diplomatic', 'normalized', 'title'];
  var STORED = ['doc', 'title', 'anchor', 'diplomatic', 'normalized', 'type', 'date'];

  /** The term shard of a term (src/site/search.ts bucketOf: the same). */
  var bucketOf = function (term, buckets) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0) % buckets;
  };

  /** Levenshtein distance of a and b, or max + 1 once it is over max. */
  var distance = function (a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
        cur.push(v);
        if (v < least) least = v;
      }
      if (least > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  };

  var unique = function (xs) {
    var seen = {};
    return xs.filter(function (x) {
      var k = String(x);
      if (seen[k]) return false;
      seen[k] = true;
      return true;
    });
  };

  /**
   * The search over the split index. `load(name)` gives a promise of the data of search/<name>.js;
   * `search(query, options)` a promise of MiniSearch's results (with the stored fields).
   */
  var engine = function (MiniSearch, load) {
    var tokenize = MiniSearch.getDefault('tokenize');
    var processTerm = MiniSearch.getDefault('processTerm');
    var search = function (query, options) {
      return load('index').then(function (m) {
        var terms = unique(
          tokenize(query)
            .map(function (t) {
              return processTerm(t);
            })
            .filter(Boolean),
        );
        var dictionaries = unique(
          terms
            .map(function (t) {
              var first = String.fromCodePoint(t.codePointAt(0));
              for (var k = 0; k < m.dictionaries.length; k++) if (m.dictionaries[k].indexOf(first) >= 0) return k;
              return -1;
            })
            .filter(function (k) {
              return k >= 0;
            }),
        );
        return Promise.all(
          dictionaries.map(function (k) {
            return load('d' + k);
          }),
        ).then(function (lists) {
          // The edition's terms the query may match: itself, its continuations, its near spellings
          // (MiniSearch decides among them as it would over the whole index).
          var wanted = {};
          var fuzzy = options.fuzzy || 0;
          lists.forEach(function (list) {
            list.forEach(function (w) {
              terms.forEach(function (t) {
                var max = fuzzy ? (fuzzy < 1 ? Math.min(6, Math.round(t.length * fuzzy)) : fuzzy) : 0;
                if (w === t || (options.prefix && w.lastIndexOf(t, 0) === 0) || (max && distance(t, w, max) <= max)) wanted[w] = true;
              });
            });
          });
          var words = Object.keys(wanted);
          return Promise.all(
            unique(
              words.map(function (w) {
                return bucketOf(w, m.buckets);
              }),
            ).map(function (b) {
              return load('t' + b);
            }),
          ).then(function (shards) {
            var postings = [];
            var units = {};
            shards.forEach(function (shard) {
              shard.forEach(function (entry) {
                if (!wanted[entry[0]]) return;
                var fields = entry[1].map(function (flat) {
                  var list = [];
                  var d = 0;
                  for (var k = 0; k < flat.length; k += 3) {
                    d += flat[k];
                    var key = d + '/' + flat[k + 1];
                    units[key] = [d, flat[k + 1]];
                    list.push(key, flat[k + 2]);
                  }
                  return list;
                });
                postings.push([entry[0], fields]);
              });
            });
            var keys = Object.keys(units).sort(function (a, b) {
              return units[a][0] - units[b][0] || units[a][1] - units[b][1];
            });
            return Promise.all(
              unique(
                keys.map(function (k) {
                  return Math.floor(units[k][0] / m.storeDocuments);
                }),
              ).map(function (s) {
                return load('s' + s).then(function (docs) {
                  return { first: s * m.storeDocuments, docs: docs };
                });
              }),
            ).then(function (stores) {
              var docs = {};
              stores.forEach(function (s) {
                s.docs.forEach(function (doc, k) {
                  docs[s.first + k] = doc;
                });
              });
              var js = {
                documentCount: m.units,
                nextId: keys.length,
                documentIds: {},
                fieldIds: { diplomatic: 0, normalized: 1, title: 2 },
                fieldLength: {},
                averageFieldLength: m.averageFieldLength,
                storedFields: {},
                dirtCount: 0,
                index: [],
                serializationVersion: 2,
              };
              var shortId = {};
              keys.forEach(function (key, id) {
                var doc = docs[units[key][0]];
                var u = doc[2][units[key][1]];
                shortId[key] = id;
                js.documentIds[id] = doc[0] + '/' + u[0];
                js.fieldLength[id] = [u[4], u[5], u[6]];
                js.storedFields[id] = { doc: doc[0], title: doc[1], anchor: u[1], diplomatic: u[2], normalized: u[3], type: doc[3] || '', date: doc[4] || '' };
              });
              postings.forEach(function (p) {
                var data = {};
                p[1].forEach(function (list, field) {
                  if (!list.length) return;
                  var freqs = {};
                  for (var k = 0; k < list.length; k += 2) freqs[shortId[list[k]]] = list[k + 1];
                  data[field] = freqs;
                });
                js.index.push([p[0], data]);
              });
              return MiniSearch.loadJS(js, { fields: FIELDS, storeFields: STORED }).search(query, options);
            });
          });
        });
      });
    };
    return { search: search };
  };
  // For the tests (node): the engine without the page.
  window.TeiEditionSearch = engine;

  /** search/<name>.js, by a script tag (file:// allows no fetch); each file once. */
  var loaded = {};
  var waiting = {};
  window.TEI_EDITION_SEARCH_LOADED = function (name, data) {
    if (waiting[name]) waiting[name](data);
  };
  var load = function (name) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var script = document.createElement('script');
        script.src = 'search/' + name + '.js';
        script.onerror = function () {
          delete loaded[name];
          reject(new Error('search/' + name + '.js could not be loaded'));
        };
        document.head.appendChild(script);
      });
    }
    return loaded[name];
  };

  var input = document.getElementById('q');
  if (input && window.MiniSearch) {
    var index = engine(window.MiniSearch, load);
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
    var asked = 0;
    var filterType = document.getElementById('f-type');
    var filterFrom = document.getElementById('f-from');
    var filterTo = document.getElementById('f-to');
    var run = function () {
      var q = input.value.trim();
      var mine = ++asked;
      if (!q) {
        results.innerHTML = '';
        status.textContent = '';
        return;
      }
      var parsed = parse(q);
      var all = (parsed.words + ' ' + parsed.phrases.join(' ')).trim();
      status.textContent = 'Searching…';
      (all ? index.search(all, parsed.phrases.length ? { prefix: true, fuzzy: 0.2, combineWith: parsed.words ? 'OR' : 'AND' } : { prefix: true, fuzzy: 0.2 }) : Promise.resolve([])).then(
        function (hits) {
          // A later query was typed meanwhile: its results are the ones to show.
          if (mine === asked) show(parsed, hits);
        },
        function (e) {
          if (mine === asked) status.textContent = 'The search could not load its index: ' + e.message;
        },
      );
    };
    var show = function (parsed, hits) {
      results.innerHTML = '';
      // A phrase is the words in that order: the block must hold it, in one view or the other.
      hits = hits.filter(function (h) {
        return parsed.phrases.every(function (p) {
          return has(h.diplomatic, p) || has(h.normalized, p);
        });
      });
      // The filters: the document's type, and its date within the bounds (an undated one is out when
      // a bound is set).
      var type = filterType ? filterType.value : '';
      var from = filterFrom ? filterFrom.value : '';
      var to = filterTo ? filterTo.value : '';
      hits = hits.filter(function (h) {
        var day = String(h.date || '').slice(0, 10);
        if (type && h.type !== type) return false;
        if ((from || to) && !day) return false;
        return (!from || day >= from) && (!to || day <= to);
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
    [filterType, filterFrom, filterTo].forEach(function (f) {
      if (f) f.addEventListener('change', run);
    });
    var fromUrl = new URLSearchParams(location.search).get('q');
    if (fromUrl) {
      input.value = fromUrl;
      run();
    }
  }
})();
