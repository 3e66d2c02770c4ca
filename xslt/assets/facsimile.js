/*
 * tei-edition: the zoomable page images of a document page (OpenSeadragon, copied beside the page,
 * so that it works offline and from file://, and loaded only by a page with images). Each image (.facs) is a plain img linked to the image
 * file: that is what readers get without JavaScript, or when the viewer cannot open the image.
 * Here a "Zoom" button opens the viewer in its place, with buttons to zoom in, zoom out, reset,
 * show full screen and close; the image itself takes the keyboard too (+ and − zoom, the arrow
 * keys move, 0 resets). A IIIF image service (data-facs-iiif, its info.json) is read tile by tile;
 * a plain image as one picture. A zone (data-facs-zone, fractions of the image) is outlined.
 */
(function () {
  'use strict';
  var figures = document.querySelectorAll('.facs[data-facs-src]');
  if (!figures.length) return;
  var script = document.currentScript;
  var here = script && script.src ? script.src.replace(/[^/]*$/, '') : '';
  var images = here + 'openseadragon/images/';
  var OSD;

  function button(label, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  function message(figure, text) {
    var old = figure.querySelector('.facs-message');
    if (old) old.remove();
    if (!text) return;
    var p = document.createElement('span');
    p.className = 'facs-message';
    p.setAttribute('role', 'status');
    p.textContent = text;
    figure.appendChild(p);
  }

  function close(figure, why) {
    var v = figure.facsViewer;
    if (v) {
      figure.facsViewer = null;
      v.destroy();
    }
    var box = figure.querySelector('.facs-viewer');
    if (box) box.remove();
    figure.querySelector('.facs-image').hidden = false;
    figure.classList.remove('facs-open');
    var zoom = figure.querySelector('.facs-zoom');
    zoom.textContent = 'Zoom';
    zoom.setAttribute('aria-expanded', 'false');
    message(figure, why || '');
    if (!why) zoom.focus();
  }

  function open(figure) {
    var img = figure.querySelector('.facs-image img');
    var iiif = figure.getAttribute('data-facs-iiif');
    var box = document.createElement('span');
    box.className = 'facs-viewer';
    var stage = document.createElement('span');
    stage.className = 'facs-stage';
    var controls = document.createElement('span');
    controls.className = 'facs-controls';
    controls.setAttribute('role', 'group');
    controls.setAttribute('aria-label', 'Image controls');
    box.appendChild(controls);
    box.appendChild(stage);
    figure.insertBefore(box, figure.querySelector('.facs-caption'));
    figure.querySelector('.facs-image').hidden = true;
    figure.classList.add('facs-open');
    message(figure, '');

    var viewer = OSD({
      element: stage,
      prefixUrl: images,
      tileSources: iiif ? iiif : { type: 'image', url: img.currentSrc || img.src },
      showNavigationControl: false,
      drawer: ['canvas', 'html'],
      visibilityRatio: 0.5,
      gestureSettingsMouse: { clickToZoom: false },
      crossOriginPolicy: false,
    });
    figure.facsViewer = viewer;
    var step = 1.5;
    controls.appendChild(button('Zoom in', function () { viewer.viewport.zoomBy(step); viewer.viewport.applyConstraints(); }));
    controls.appendChild(button('Zoom out', function () { viewer.viewport.zoomBy(1 / step); viewer.viewport.applyConstraints(); }));
    controls.appendChild(button('Reset', function () { viewer.viewport.goHome(); }));
    controls.appendChild(button('Full screen', function () { viewer.setFullScreen(!viewer.isFullPage()); }));
    controls.appendChild(button('Close', function () { close(figure); }));

    var canvas = viewer.canvas;
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-roledescription', 'zoomable image');
    canvas.setAttribute('aria-label', img.alt + ' (+ and − zoom, the arrow keys move, 0 resets)');

    viewer.addHandler('open', function () {
      figure.setAttribute('data-facs-state', 'open');
      var zone = (figure.getAttribute('data-facs-zone') || '').split(',').map(Number);
      if (zone.length === 4 && zone.every(function (n) { return isFinite(n); })) {
        var item = viewer.world.getItemAt(0);
        var size = item.getContentSize();
        var r = item.imageToViewportRectangle(zone[0] * size.x, zone[1] * size.y, zone[2] * size.x, zone[3] * size.y);
        var mark = document.createElement('span');
        mark.className = 'facs-zone';
        viewer.addOverlay(mark, r);
        viewer.viewport.fitBounds(r, true);
      }
    });
    viewer.addHandler('open-failed', function () {
      close(figure, 'The zoomable viewer could not open this image; it is shown as a plain image.');
    });
    var zoom = figure.querySelector('.facs-zoom');
    zoom.textContent = 'Close zoom';
    zoom.setAttribute('aria-expanded', 'true');
    canvas.focus();
  }

  /** OpenSeadragon loaded (only on a page with images): the Zoom buttons appear. Without it, the plain images stay. */
  function ready() {
    OSD = window.OpenSeadragon;
    if (typeof OSD !== 'function') return;
    Array.prototype.forEach.call(figures, enhance);
  }

  function enhance(figure) {
    var zoom = figure.querySelector('.facs-zoom');
    if (!zoom) return;
    zoom.hidden = false;
    zoom.setAttribute('aria-expanded', 'false');
    zoom.addEventListener('click', function () {
      if (figure.facsViewer) close(figure);
      else open(figure);
    });
  }

  if (typeof window.OpenSeadragon === 'function') ready();
  else {
    var osd = document.createElement('script');
    osd.src = here + 'openseadragon/openseadragon.min.js';
    osd.onload = ready;
    document.head.appendChild(osd);
  }
})();
