// SealMatch console: view controls that need no round trip (zoom/pan kept in step, overlay opacity,
// fold line), keyboard shortcuts for verdicts, and a keep-alive ping while the user is active.
// Everything is set through attributes or the CSSOM, so the Content-Security-Policy needs no inline code.
(() => {
  'use strict';
  const views = new Map(); // sync group -> { s, x, y } (zoom, pan as fractions of the view)

  function state(group) {
    if (!views.has(group)) views.set(group, { s: 1, x: 0, y: 0 });
    return views.get(group);
  }

  function apply(group) {
    const st = state(group);
    document.querySelectorAll(`.views[data-sync="${group}"] svg.view`).forEach(svg => {
      const w = +svg.dataset.w, h = +svg.dataset.h;
      const zp = svg.querySelectorAll('g.zp');
      // Zoom about the centre, then pan.
      const tx = (w / 2) * (1 - st.s) + st.x * w, ty = (h / 2) * (1 - st.s) + st.y * h;
      zp.forEach(g => g.setAttribute('transform', `translate(${tx} ${ty}) scale(${st.s})`));
    });
  }

  function zoom(group, factor) {
    const st = state(group);
    st.s = Math.min(12, Math.max(0.5, st.s * factor));
    apply(group);
  }

  function groupOf(el) {
    const views = el.closest('.views[data-sync]');
    return views ? views.dataset.sync : null;
  }

  document.addEventListener('wheel', e => {
    const svg = e.target.closest && e.target.closest('svg.view');
    if (!svg) return;
    e.preventDefault();
    zoom(groupOf(svg), e.deltaY < 0 ? 1.15 : 1 / 1.15);
  }, { passive: false });

  let drag = null;
  document.addEventListener('pointerdown', e => {
    const svg = e.target.closest && e.target.closest('svg.view');
    if (!svg) return;
    const rect = svg.getBoundingClientRect();
    const onLine = e.target.classList && e.target.classList.contains('fold-line');
    drag = { svg, group: groupOf(svg), fold: onLine, x: e.clientX, y: e.clientY, w: rect.width, h: rect.height };
    svg.setPointerCapture(e.pointerId);
    if (drag.fold) moveFoldTo(svg, e.clientX);
  });
  document.addEventListener('pointermove', e => {
    if (!drag) return;
    if (drag.fold) { moveFoldTo(drag.svg, e.clientX); return; }
    const st = state(drag.group);
    st.x += (e.clientX - drag.x) / drag.w;
    st.y += (e.clientY - drag.y) / drag.h;
    drag.x = e.clientX; drag.y = e.clientY;
    apply(drag.group);
  });
  document.addEventListener('pointerup', () => { drag = null; });

  // The fold line, in the specimen's frame: 0..1 of its width.
  function setFold(index, fraction) {
    const svg = document.querySelector(`svg.fold[data-fold="${index}"]`);
    if (!svg) return;
    const w = +svg.dataset.w;
    const x = Math.max(0, Math.min(1, fraction)) * w;
    svg.querySelector('.fold-rect').setAttribute('x', x);
    const line = svg.querySelector('.fold-line');
    line.setAttribute('x1', x); line.setAttribute('x2', x);
    const input = document.querySelector(`input[data-fold-input="${index}"]`);
    if (input) input.value = Math.round(fraction * 100);
  }

  function moveFoldTo(svg, clientX) {
    // Screen position -> the zoomed/panned frame of the specimen.
    const pt = svg.createSVGPoint(); pt.x = clientX; pt.y = 0;
    const g = svg.querySelector('g.zp');
    const local = pt.matrixTransform(g.getScreenCTM().inverse());
    setFold(svg.dataset.fold, local.x / +svg.dataset.w);
  }

  document.addEventListener('input', e => {
    const t = e.target;
    if (t.dataset && t.dataset.overlay) {
      const top = document.getElementById(t.dataset.overlay);
      if (top) top.setAttribute('opacity', (t.value / 100).toFixed(2));
    } else if (t.dataset && t.dataset.foldInput !== undefined) {
      setFold(t.dataset.foldInput, t.value / 100);
    }
  });

  document.addEventListener('keydown', e => {
    const typing = e.target.closest && e.target.closest('input, textarea, select, [contenteditable]');
    const svg = e.target.closest && e.target.closest('svg.view');
    if (svg && !typing) {
      const group = groupOf(svg), st = state(group), step = 0.05 / st.s;
      const keys = { '+': () => zoom(group, 1.25), '=': () => zoom(group, 1.25), '-': () => zoom(group, 0.8),
        '0': () => { st.s = 1; st.x = 0; st.y = 0; apply(group); },
        ArrowLeft: () => { st.x -= step; apply(group); }, ArrowRight: () => { st.x += step; apply(group); },
        ArrowUp: () => { st.y -= step; apply(group); }, ArrowDown: () => { st.y += step; apply(group); } };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); return; }
    }
    if (typing || e.altKey || e.ctrlKey || e.metaKey) return;
    const button = document.querySelector(`button[data-shortcut="${e.key.toLowerCase()}"]:not([disabled])`);
    if (button) { e.preventDefault(); button.click(); }
  });

  // Activity keeps the session cookie alive (it slides); at most one ping a minute.
  let lastPing = 0;
  function activity() {
    const now = Date.now();
    if (now - lastPing < 60000) return;
    lastPing = now;
    fetch('console/session/ping', { credentials: 'same-origin', cache: 'no-store' }).catch(() => {});
  }
  document.addEventListener('keydown', activity);
  document.addEventListener('pointerdown', activity);
})();
