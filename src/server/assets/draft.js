// The draft form: totals computed as the clerk types, findings from the checker (through the
// JSON API) moved onto the cells, the draft saved on the server a moment after each change.
(function () {
  'use strict';
  var dataEl = document.getElementById('draft-data');
  var form = document.getElementById('draft-form');
  if (!dataEl || !form) return;
  var data = JSON.parse(dataEl.textContent);
  var report = data.report;
  var version = data.version;
  var outcome = data.outcomeRows;
  var kinds = data.activeKinds || {};
  var saveState = document.getElementById('save-state');
  var liveState = document.getElementById('live-state');
  var findingsBox = document.getElementById('findings');
  var dirty = false;
  var checkTimer = 0;
  var saveTimer = 0;
  var checkSeq = 0;
  var SEV = { error: '错误', warning: '警告', info: '提示' };
  var ORDER = { error: 0, warning: 1, info: 2 };

  function toAscii(s) {
    return s.replace(/[\uff10-\uff19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/\uff0e/g, '.').replace(/[\s,，]/g, '');
  }
  function parseCount(text) {
    var t = toAscii(text);
    if (t === '') return null;
    if (/^\d{1,9}$/.test(t)) return Number(t);
    return NaN;
  }
  function parseActive(text, kind) {
    var raw = text.trim();
    if (raw === '') return null;
    var t = toAscii(raw);
    if (kind === 'count') return /^\d{1,9}$/.test(t) ? Number(t) : NaN;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    if (kind === 'amount') return NaN;
    return raw;
  }

  function input(key) {
    return form.querySelector('input[data-key="' + CSS.escape(key) + '"]');
  }

  function readForm() {
    var bad = 0;
    form.querySelectorAll('input.cell-input[name]').forEach(function (el) {
      var parts = el.getAttribute('data-key').split('|');
      var v;
      if (parts[0] === 'active') {
        v = parseActive(el.value, kinds[parts[1] + '|' + parts[2]] || 'change');
      } else {
        v = parseCount(el.value);
      }
      var isBad = typeof v === 'number' && isNaN(v);
      el.parentElement.classList.toggle('bad-input', isBad);
      el.setAttribute('aria-invalid', isBad ? 'true' : 'false');
      if (isBad) { bad++; v = null; }
      if (parts[0] === 'active') {
        report.active[parts[1]] = report.active[parts[1]] || {};
        report.active[parts[1]][parts[2]] = v;
      } else {
        var table = report[parts[0]];
        table[parts[1]] = table[parts[1]] || (parts[0] === 'requests' ? [null, null, null, null, null, null, null] : [null, null, null, null, null]);
        table[parts[1]][Number(parts[2])] = v;
      }
    });
    form.querySelectorAll('textarea[data-section]').forEach(function (el) {
      var no = Number(el.getAttribute('data-section'));
      var s = report.sections.find(function (x) { return x.no === no; });
      if (s) s.text = el.value;
      else report.sections.push({ no: no, heading: '', text: el.value });
    });
    report.sections.sort(function (a, b) { return a.no - b.no; });
    form.querySelectorAll('[data-meta]').forEach(function (el) {
      var path = el.getAttribute('data-meta').split('.');
      var v = el.value.trim();
      if (path[0] === 'title') report.meta.title = v || null;
      if (path[0] === 'period') {
        report.meta.period = report.meta.period || { start: '', end: '' };
        report.meta.period[path[1]] = v;
      }
      if (path[0] === 'contact') {
        report.meta.contact = report.meta.contact || {};
        if (v) report.meta.contact[path[1]] = v;
        else delete report.meta.contact[path[1]];
      }
    });
    if (report.meta.period && !report.meta.period.start && !report.meta.period.end) report.meta.period = null;
    if (report.meta.contact && !Object.keys(report.meta.contact).length) report.meta.contact = null;
    return bad;
  }

  function sum(values) {
    var any = false;
    var total = 0;
    values.forEach(function (v) { if (typeof v === 'number') { any = true; total += v; } });
    return any ? total : null;
  }
  function setComputed(key, value) {
    var el = input(key);
    if (el) el.value = value === null ? '' : String(value);
  }

  function recompute() {
    var req = report.requests;
    Object.keys(req).forEach(function (row) {
      if (row === 'total') return;
      req[row][6] = sum(req[row].slice(0, 6));
      setComputed('requests|' + row + '|6', req[row][6]);
    });
    if (req.total) {
      for (var c = 0; c < 7; c++) {
        req.total[c] = sum(outcome.map(function (row) { return req[row] ? req[row][c] : null; }));
        setComputed('requests|total|' + c, req.total[c]);
      }
    }
    Object.keys(report.review).forEach(function (row) {
      report.review[row][4] = sum(report.review[row].slice(0, 4));
      setComputed('review|' + row + '|4', report.review[row][4]);
    });
  }

  function keyOf(w) {
    if (w.table === 'active') return w.field ? 'active|' + w.row + '|' + w.field : 'active|' + w.row;
    return w.col === undefined || w.col === null ? w.table + '|' + w.row : w.table + '|' + w.row + '|' + w.col;
  }

  function showFindings(findings) {
    findings = findings.slice().sort(function (a, b) { return ORDER[a.severity] - ORDER[b.severity]; });
    // Clear the old marks.
    form.querySelectorAll('.marked').forEach(function (el) {
      el.classList.remove('marked', 'sev-error', 'sev-warning', 'sev-info');
      el.removeAttribute('data-msg');
      el.removeAttribute('title');
    });
    form.querySelectorAll('a.badge').forEach(function (b) { b.remove(); });
    var byCell = {};
    findings.forEach(function (f, i) {
      if (!f.where) return;
      var k = keyOf(f.where);
      (byCell[k] = byCell[k] || []).push({ n: i + 1, f: f });
    });
    Object.keys(byCell).forEach(function (k) {
      var el = window.nianbao.cellFor(k);
      if (!el) return;
      var list = byCell[k];
      var worst = list.reduce(function (w, x) { return ORDER[x.f.severity] < ORDER[w] ? x.f.severity : w; }, list[0].f.severity);
      el.classList.add('marked', 'sev-' + worst);
      var msg = list.map(function (x) { return x.n + '. ' + SEV[x.f.severity] + '：' + x.f.message; }).join('\n');
      el.setAttribute('data-msg', msg);
      el.setAttribute('title', msg);
      list.forEach(function (x) {
        var a = document.createElement('a');
        a.className = 'badge sev-' + x.f.severity;
        a.href = '#finding-' + x.n;
        a.textContent = String(x.n);
        a.setAttribute('aria-label', '问题 ' + x.n);
        el.appendChild(a);
      });
    });
    // Rebuild the list (text only: messages never become markup).
    findingsBox.textContent = '';
    if (!findings.length) {
      var ok = document.createElement('p');
      ok.className = 'ok-all';
      ok.textContent = '✓ 未发现问题';
      findingsBox.appendChild(ok);
      return;
    }
    var counts = { error: 0, warning: 0, info: 0 };
    findings.forEach(function (f) { counts[f.severity]++; });
    var p = document.createElement('p');
    p.className = 'counts';
    ['error', 'warning', 'info'].forEach(function (s) {
      var span = document.createElement('span');
      span.className = 'pill sev-' + s;
      span.textContent = SEV[s] + ' ' + counts[s];
      p.appendChild(span);
    });
    findingsBox.appendChild(p);
    var ol = document.createElement('ol');
    ol.className = 'findings';
    findings.forEach(function (f, i) {
      var li = document.createElement('li');
      li.id = 'finding-' + (i + 1);
      li.className = 'sev-' + f.severity;
      var sev = document.createElement('span');
      sev.className = 'sev';
      sev.textContent = SEV[f.severity];
      li.appendChild(sev);
      li.appendChild(document.createTextNode(' '));
      if (f.where) {
        li.setAttribute('data-cell', keyOf(f.where));
        var a = document.createElement('a');
        a.href = '#';
        a.className = 'goto';
        a.setAttribute('data-target', keyOf(f.where));
        a.textContent = f.message;
        li.appendChild(a);
      } else {
        li.appendChild(document.createTextNode(f.message));
      }
      var rule = document.createElement('span');
      rule.className = 'rule';
      rule.textContent = f.rule;
      li.appendChild(rule);
      ol.appendChild(li);
    });
    findingsBox.appendChild(ol);
  }

  function api(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': window.nianbao.csrf() },
      body: JSON.stringify(body),
    });
  }

  function check() {
    var seq = ++checkSeq;
    liveState.textContent = '核查中…';
    api('POST', '/api/check', { report: report, name: 'draft' })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (seq !== checkSeq) return;
        if (!res.ok) { liveState.textContent = res.j.message || '核查失败'; return; }
        showFindings(res.j.reports[0].findings);
        liveState.textContent = '已更新';
      })
      .catch(function () { if (seq === checkSeq) liveState.textContent = '无法连接服务器'; });
  }

  function setSave(cls, text) {
    saveState.className = 'save-state ' + cls;
    saveState.textContent = text;
  }
  function hhmm() {
    var d = new Date();
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0') + ':' + String(d.getSeconds()).padStart(2, '0');
  }
  function save() {
    if (!dirty) return;
    dirty = false;
    setSave('saving', '正在保存…');
    api('PUT', '/api/drafts/' + data.id, { report: report, version: version })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, j: j }; }); })
      .then(function (res) {
        if (res.status === 200) {
          version = res.j.draft.version;
          setSave('', '已保存 · ' + hhmm());
        } else if (res.status === 409) {
          setSave('error', '草稿已被他人修改：请复制您的修改后刷新页面');
        } else {
          dirty = true;
          setSave('error', '保存失败：' + (res.j.message || res.status) + '（稍后自动重试）');
          saveTimer = setTimeout(save, 5000);
        }
      })
      .catch(function () {
        dirty = true;
        setSave('error', '保存失败：无法连接服务器（稍后自动重试）');
        saveTimer = setTimeout(save, 5000);
      });
  }

  function changed() {
    var bad = readForm();
    recompute();
    dirty = true;
    setSave('saving', bad ? '有 ' + bad + ' 个格子不是整数（标红），其余内容将保存' : '有未保存的修改…');
    clearTimeout(checkTimer);
    clearTimeout(saveTimer);
    checkTimer = setTimeout(check, 300);
    saveTimer = setTimeout(save, 1200);
  }

  form.addEventListener('input', changed);
  form.addEventListener('submit', function (e) { e.preventDefault(); save(); });
  // Enter moves down a column, as in a spreadsheet (Shift+Enter up).
  function editableIn(tr) {
    return Array.prototype.slice.call(tr.querySelectorAll('input.cell-input:not([readonly])'));
  }
  function rowBelow(tr, step) {
    var rows = Array.prototype.slice.call(tr.closest('tbody').querySelectorAll('tr'));
    for (var i = rows.indexOf(tr) + step; i >= 0 && i < rows.length; i += step) if (editableIn(rows[i]).length) return rows[i];
    return null;
  }
  function colOf(el) {
    var parts = el.getAttribute('data-key').split('|');
    return parts[parts.length - 1];
  }
  form.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || !e.target.classList.contains('cell-input')) return;
    e.preventDefault();
    var tr = e.target.closest('tr');
    var next = rowBelow(tr, e.shiftKey ? -1 : 1);
    if (!next) return;
    var col = colOf(e.target);
    var same = editableIn(next).filter(function (x) { return colOf(x) === col; })[0];
    (same || editableIn(next)[0]).focus();
  });
  // Pasting a block copied from Excel or WPS fills the cells to the right and below.
  form.addEventListener('paste', function (e) {
    var start = e.target;
    if (!start.classList || !start.classList.contains('cell-input')) return;
    var text = (e.clipboardData || window.clipboardData).getData('text');
    if (!/[\t\n]/.test(text.replace(/\s+$/, ''))) return;
    e.preventDefault();
    var lines = text.replace(/\r/g, '').replace(/\n+$/, '').split('\n');
    var tr = start.closest('tr');
    var first = editableIn(tr).indexOf(start);
    lines.forEach(function (line, r) {
      if (!tr) return;
      var inputs = editableIn(tr);
      var offset = r === 0 ? first : Math.max(0, inputs.findIndex(function (x) { return colOf(x) === colOf(start); }));
      line.split('\t').forEach(function (v, c) {
        var target = inputs[offset + c];
        if (target) target.value = v.trim();
      });
      tr = rowBelow(tr, 1);
    });
    changed();
  });
  window.addEventListener('beforeunload', function (e) {
    if (dirty) { save(); e.preventDefault(); e.returnValue = ''; }
  });
  document.querySelectorAll('a[href$="/export.docx"], a[href$="/export.html"], a[href$="/export.json"]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      if (!dirty) return;
      e.preventDefault();
      clearTimeout(saveTimer);
      save();
      setTimeout(function () { window.location.href = a.href; }, 600);
    });
  });
  // Totals the report left blank or got wrong are recomputed at once; if that changed anything,
  // check and save straight away so the list matches what the form shows.
  var before = JSON.stringify(report);
  readForm();
  recompute();
  if (JSON.stringify(report) !== before) changed();
})();
