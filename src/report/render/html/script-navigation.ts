/**
 * Moving between groups (keyboard, links, the address's #key), and the page's setup, which ends the script. A part of
 * the review page's script (page-script.ts).
 */
export const NAVIGATION = String.raw`/* ---------- navigation ---------- */
function markCurrentRow() {
  var list = $('cluster-list');
  list.querySelectorAll('a[aria-current]').forEach(function (a) { a.removeAttribute('aria-current'); });
  var g = state.shown[state.current];
  if (!g) return;
  var row = $('row-' + g.key);
  if (row) row.setAttribute('aria-current', 'true');
}
function open(index, focus) {
  if (state.shown.length === 0) { state.current = -1; renderGroup(-1); return; }
  index = Math.max(0, Math.min(state.shown.length - 1, index));
  state.current = index;
  while (state.rendered <= index) renderMoreRows();
  renderGroup(index, 0);
  markCurrentRow();
  var g = state.shown[index], row = $('row-' + g.key);
  if (row && row.scrollIntoView) row.scrollIntoView({ block: 'nearest' });
  if (location.hash !== '#' + g.key) history.replaceState(null, '', '#' + g.key);
  if (focus) { var h = $('detail-heading'); if (h) h.focus({ preventScroll: false }); }
}
function openKey(key, focus) {
  var i = state.shown.findIndex(function (g) { return g.key === key; });
  if (i < 0) {
    state.relation = ''; state.query = ''; $('filter-relation').value = ''; $('search').value = '';
    applyFilter();
    i = state.shown.findIndex(function (g) { return g.key === key; });
  }
  open(i < 0 ? 0 : i, focus);
}
function inField(target) {
  return target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
}

/* ---------- setup ---------- */
renderSummary();
var select = $('filter-relation');
(isCheck ? RELATIONS.concat(['unverified']) : RELATIONS).forEach(function (r) { select.appendChild(el('option', { value: r, text: LABEL[r] })); });
if (!isCheck && report.baseline) select.appendChild(el('option', { value: NEW, text: 'new since the baseline' }));
select.addEventListener('change', function () { state.relation = select.value; applyFilter(); open(0, false); });
var timer = 0;
$('search').addEventListener('input', function (e) {
  clearTimeout(timer);
  timer = setTimeout(function () { state.query = e.target.value.trim().toLowerCase(); applyFilter(); open(0, false); }, 120);
});
$('list-more').addEventListener('click', renderMoreRows);
if ('IntersectionObserver' in window) {
  new IntersectionObserver(function (entries) { if (entries.some(function (x) { return x.isIntersecting; })) renderMoreRows(); }).observe($('list-more'));
}
$('cluster-list').addEventListener('click', function (e) {
  var a = e.target.closest('a[data-key]');
  if (!a) return;
  e.preventDefault();
  openKey(a.getAttribute('data-key'), true);
});
document.addEventListener('keydown', function (e) {
  if (e.altKey || e.ctrlKey || e.metaKey || inField(e.target)) return;
  if (e.key === 'j' || e.key === 'ArrowDown' || e.key === 'n') { e.preventDefault(); open(state.current + 1, true); }
  else if (e.key === 'k' || e.key === 'ArrowUp' || e.key === 'p') { e.preventDefault(); open(state.current - 1, true); }
  else if (e.key === '/') { e.preventDefault(); $('search').focus(); }
});
function pairOf(target) { return target && target.closest ? target.closest('.linked[data-pair]') : null; }
function showPair(target, on) {
  var s = pairOf(target);
  if (!s) return;
  var pair = s.getAttribute('data-pair');
  $('detail').querySelectorAll('.linked[data-pair="' + pair + '"]').forEach(function (x) { x.classList.toggle('paired', on); });
}
var detailBox = $('detail');
detailBox.addEventListener('mouseover', function (e) { showPair(e.target, true); });
detailBox.addEventListener('mouseout', function (e) { showPair(e.target, false); });
detailBox.addEventListener('click', function (e) {
  var s = pairOf(e.target);
  if (!s) return;
  var other = s.getAttribute('data-side') === 'ref' ? 'copy' : 'ref';
  detailBox.querySelectorAll('.paired').forEach(function (x) { x.classList.remove('paired'); });
  showPair(s, true);
  var partner = detailBox.querySelector('.linked[data-pair="' + s.getAttribute('data-pair') + '"][data-side="' + other + '"]');
  if (partner && partner.scrollIntoView) partner.scrollIntoView({ block: 'center' });
});
window.addEventListener('hashchange', function () { if (location.hash.length > 1) openKey(decodeURIComponent(location.hash.slice(1)), false); });
applyFilter();
if (location.hash.length > 1) openKey(decodeURIComponent(location.hash.slice(1)), false); else open(0, false);
document.documentElement.setAttribute('data-ready', 'true');
})();
`;
