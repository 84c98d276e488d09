#include "gateway/invite_page_assets.h"

namespace engage::gateway {

// The HCP pastes the bearer token of their sign-in; it is kept in
// sessionStorage (this tab only, gone when it closes) and sent as
// Authorization: Bearer to the page's own endpoints. No cookies, so no CSRF.
const char kInvitePageScript[] = R"JS('use strict';
(function () {
  var here = location.pathname.replace(/\/+$/, '');
  function $(id) { return document.getElementById(id); }
  function bearer() { return sessionStorage.getItem('engage-bearer') || ''; }
  function say(text) { $('status').textContent = text; }
  function call(action, body) {
    return fetch(here + '/' + action, {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: { 'Authorization': 'Bearer ' + bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j.error || ('HTTP ' + r.status));
        return j;
      });
    });
  }
  function colour(name, value) {
    if (/^[0-9a-fA-F]{6}$/.test(value || '')) {
      document.documentElement.style.setProperty(name, '#' + value);
    }
  }
  function show() {
    return call('preview').then(function (p) {
      $('card').innerHTML = p.html;  // rendered, every text escaped, by the server
      colour('--brand-primary', p.primary);
      colour('--brand-secondary', p.secondary || p.primary);
      document.body.setAttribute('data-state', p.state);
      $('answer').hidden = !p.open;
      return p;
    });
  }
  function failed(err) { say(err.message); }
  $('signin').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem('engage-bearer', $('bearer').value.trim().replace(/^Bearer\s+/i, ''));
    say('');
    show().catch(failed);
  });
  function answer(action) {
    var names = { first_name: $('first-name').value.trim(), last_name: $('last-name').value.trim() };
    $('accept').disabled = $('decline').disabled = true;
    call(action, names).then(function (r) {
      say(r.message);
      return show();
    }).catch(failed).then(function () {
      $('accept').disabled = $('decline').disabled = false;
    });
  }
  $('accept').addEventListener('click', function () { answer('accept'); });
  $('decline').addEventListener('click', function () { answer('decline'); });
  if (bearer()) {
    $('bearer').value = bearer();
    show().catch(failed);
  }
})();
)JS";

const char kInvitePageStyle[] =
    R"CSS(:root { --brand-primary: #34495e; --brand-secondary: #34495e; }
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
main { max-width: 34rem; margin: 0 auto; padding: 0 1rem 2rem; }
#brand { background: linear-gradient(90deg, var(--brand-primary), var(--brand-secondary));
  color: #fff; padding: 1.2rem 1rem; margin: 0 -1rem 1rem; }
#brand h1 { margin: 0; font-size: 1.3rem; }
.card { background: #fff; border-top: 6px solid var(--brand-primary); border-radius: 8px;
  padding: 1rem; box-shadow: 0 1px 4px rgba(0, 0, 0, .12); overflow: hidden; }
.card .photo { width: 72px; height: 72px; border-radius: 50%; object-fit: cover; float: right; }
.company { color: var(--brand-primary); font-weight: 600; margin: 0; }
.name { margin: .3rem 0; }
.title { margin: 0 0 .5rem; color: #5b6473; }
.card h3 { font-size: .95rem; margin: .8rem 0 .3rem; }
.medications { margin: 0; padding-left: 1.2rem; }
.state { font-weight: 600; }
form { display: grid; gap: .4rem; margin-top: 1.2rem; }
textarea, input { font: inherit; padding: .4rem; border: 1px solid #c3c8d1; border-radius: 4px; }
textarea { font-family: ui-monospace, monospace; font-size: .8rem; }
button { font: inherit; padding: .5rem 1rem; border: 0; border-radius: 6px; cursor: pointer; }
#show { background: #1d2330; color: #fff; justify-self: start; }
#answer { display: flex; gap: .6rem; margin-top: 1rem; }
#answer[hidden] { display: none; }
#accept { background: var(--brand-primary); color: #fff; }
#decline { background: #dde1e7; color: #1d2330; }
.hint { font-size: .85rem; color: #5b6473; margin: 0; }
#status { min-height: 1.2rem; }
)CSS";

}  // namespace engage::gateway
