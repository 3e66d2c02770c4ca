/*
 * tei-edition: the view switch of a document page. No framework, no server: works from file://.
 * - Two buttons (aria-pressed) choose the diplomatic or the reading view; the choice is kept in
 *   the URL (#view=diplomatic) and survives a reload or a shared link.
 * - Switching keeps the reader's place: the first paragraph in sight stays where it was.
 * - A paragraph anchor (#A-p3) opens the view that has it and scrolls to it.
 * - A search's words (#…&hl=word|"a phrase", from search.html) are marked (<mark>) in the view opened,
 *   and the first is scrolled to, below the sticky toolbar (CSS scroll-margin-top).
 * - A name's button (a toggletip) shows who the person is: the entry of "Persons named".
 * - "How to cite" gives the page's address when the edition states none.
 * - markText (window.TeiEdition), the marking of words, serves the search page too (site.js).
 */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  /**
   * What a pattern (a global RegExp) matches in a text, marked: a fragment of the text with <mark>
   * elements, and the marks. Shared with the search page, whose passages mark the words the same way.
   */
  function markText(text, re) {
    var fragment = document.createDocumentFragment();
    var marks = [];
    var last = 0;
    var m;
    re.lastIndex = 0;
    while ((m = re.exec(text))) {
      if (!m[0]) {
        re.lastIndex++;
        continue;
      }
      fragment.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      fragment.appendChild(mark);
      marks.push(mark);
      last = m.index + m[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return { fragment: fragment, marks: marks };
  }
  window.TeiEdition = { markText: markText };

  var VIEWS = ['diplomatic', 'normalized'];
  var sections = {};
  VIEWS.forEach(function (v) {
    sections[v] = document.getElementById('view-' + v);
  });
  if (!sections.diplomatic || !sections.normalized) return;
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.view-switch button[data-view]'));
  var current = null;

  function readHash() {
    var params = {};
    location.hash
      .replace(/^#/, '')
      .split('&')
      .forEach(function (part) {
        if (!part) return;
        var eq = part.indexOf('=');
        if (eq < 0) params.anchor = decodeURIComponent(part);
        else params[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1));
      });
    return params;
  }

  /** The first anchored element of a view that is in sight, and where it is. */
  function place(view) {
    var els = sections[view].querySelectorAll('[data-anchor]');
    for (var i = 0; i < els.length; i++) {
      var r = els[i].getBoundingClientRect();
      if (r.bottom > 0) return { anchor: els[i].getAttribute('data-anchor'), top: r.top };
    }
    return null;
  }

  function find(view, anchor) {
    var els = sections[view].querySelectorAll('[data-anchor]');
    for (var i = 0; i < els.length; i++) if (els[i].getAttribute('data-anchor') === anchor) return els[i];
    return null;
  }

  function show(view, options) {
    options = options || {};
    var here = options.keepPlace && current ? place(current) : null;
    VIEWS.forEach(function (v) {
      sections[v].hidden = v !== view;
    });
    buttons.forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-view') === view));
    });
    current = view;
    document.body.setAttribute('data-view', view);
    if (options.updateUrl !== false) {
      var hl = readHash().hl;
      var hash = '#view=' + view + (options.anchor ? '&at=' + encodeURIComponent(options.anchor) : '') + (hl ? '&hl=' + encodeURIComponent(hl) : '');
      if (location.hash !== hash) history.replaceState(null, '', hash);
    }
    if (here) {
      var el = find(view, here.anchor);
      if (el) window.scrollBy(0, el.getBoundingClientRect().top - here.top);
    }
  }

  function fromHash() {
    var params = readHash();
    var anchor = params.at || params.anchor;
    var view = VIEWS.indexOf(params.view) >= 0 ? params.view : null;
    if (anchor && !view) view = find('normalized', anchor) && !find('diplomatic', anchor) ? 'normalized' : current || 'diplomatic';
    show(view || current || 'diplomatic', { updateUrl: !!params.view, anchor: params.at });
    var marks = highlight(params.hl);
    var el = anchor ? find(current, anchor) : null;
    var first = null;
    for (var i = 0; i < marks.length && !first; i++) if (sections[current].contains(marks[i]) && (!el || el.contains(marks[i]))) first = marks[i];
    if (first) {
      first.classList.add('current');
      first.scrollIntoView({ block: 'start' });
    } else if (el) el.scrollIntoView({ block: 'start' });
  }

  /** The search's words: "quoted phrases" and single words (a word matches as a prefix, as in the search). */
  function terms(hl) {
    var out = [];
    if (!hl) return out;
    hl.replace(/"([^"]+)"|(\S+)/g, function (m, phrase, word) {
      if (phrase) out.push({ text: phrase.replace(/\s+/g, ' ').trim(), phrase: true });
      else if (word) out.push({ text: word, phrase: false });
      return m;
    });
    return out.filter(function (t) {
      return t.text.length > 1;
    });
  }

  function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  var marked = [];
  /** Mark the words in the text of both views (not in screen-reader labels or buttons). */
  function highlight(hl) {
    marked.forEach(function (m) {
      var parent = m.parentNode;
      if (!parent) return;
      parent.replaceChild(document.createTextNode(m.textContent), m);
      parent.normalize();
    });
    marked = [];
    var ts = terms(hl);
    if (!ts.length) return marked;
    var re = new RegExp(
      ts
        .map(function (t) {
          return t.phrase ? '(?:^|\\b)' + escapeRe(t.text).replace(/ /g, '\\s+') + '(?=\\W|$)' : '\\b' + escapeRe(t.text) + '[\\w’\'-]*';
        })
        .join('|'),
      'gi',
    );
    VIEWS.forEach(function (v) {
      var walker = document.createTreeWalker(sections[v], NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          return n.parentNode.closest('.sr-only, button, .tip-body, .view-title, script') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        },
      });
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (n) {
        re.lastIndex = 0;
        if (!re.test(n.nodeValue)) return;
        var r = markText(n.nodeValue, re);
        marked.push.apply(marked, r.marks);
        n.parentNode.replaceChild(r.fragment, n);
      });
    });
    return marked;
  }

  // Toggletips: a button beside a name; its panel (a live region) gets the person's entry.
  var entries = {};
  Array.prototype.forEach.call(document.querySelectorAll('.persons-named dd[data-person]'), function (dd) {
    entries[dd.getAttribute('data-person')] = dd;
  });
  function closeTips(except) {
    Array.prototype.forEach.call(document.querySelectorAll('.tip[aria-expanded="true"]'), function (b) {
      if (b === except) return;
      b.setAttribute('aria-expanded', 'false');
      b.nextElementSibling.textContent = '';
    });
  }
  /** A panel that would pass the screen's right edge (a name near it, on a phone) moves left, never past the left edge. */
  function keepOnScreen(body) {
    body.style.left = '';
    var r = body.getBoundingClientRect();
    var margin = 8;
    var over = r.right - (document.documentElement.clientWidth - margin);
    if (over > 0) body.style.left = -Math.max(0, Math.min(over, r.left - margin)) + 'px';
  }
  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button.tip') : null;
    if (!b) {
      if (!(e.target.closest && e.target.closest('.tip-body'))) closeTips(null);
      return;
    }
    var body = b.nextElementSibling;
    var open = b.getAttribute('aria-expanded') === 'true';
    closeTips(b);
    body.textContent = '';
    if (open) {
      b.setAttribute('aria-expanded', 'false');
      return;
    }
    var id = b.getAttribute('data-person');
    var dd = entries[id];
    var dt = document.getElementById('person-' + id);
    // Filled after a tick, so that the live region announces it.
    window.setTimeout(function () {
      var name = document.createElement('strong');
      name.textContent = dt ? dt.textContent : id;
      body.appendChild(name);
      if (dd) Array.prototype.forEach.call(dd.childNodes, function (c) {
        body.appendChild(c.cloneNode(true));
      });
      keepOnScreen(body);
    }, 50);
    b.setAttribute('aria-expanded', 'true');
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var open = document.querySelector('.tip[aria-expanded="true"]');
    if (open) {
      closeTips(null);
      open.focus();
    }
  });

  // The citation's address: the edition's when it states one, else the page's own (without its hash).
  var citeUrl = document.querySelector('.cite-url');
  if (citeUrl && !citeUrl.hasAttribute('data-canonical')) citeUrl.textContent = location.href.replace(/#.*$/, '');

  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      show(b.getAttribute('data-view'), { keepPlace: true });
    });
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
