// Shared by every page: jump from a finding to its cell; confirmations; CSRF header helper.
(function () {
  'use strict';
  function cellFor(key) {
    return document.querySelector('[data-cell="' + CSS.escape(key) + '"]:not(li)');
  }
  window.nianbao = {
    csrf: function () {
      var m = document.querySelector('meta[name="csrf-token"]');
      return m ? m.getAttribute('content') : '';
    },
    cellFor: cellFor,
    gotoCell: function (key) {
      var el = cellFor(key);
      if (!el) return;
      el.scrollIntoView({ behavior: 'smooth', block: 'center' });
      el.classList.remove('flash-target');
      void el.offsetWidth;
      el.classList.add('flash-target');
      var input = el.querySelector('input:not([readonly])');
      if (input) input.focus({ preventScroll: true });
    },
  };
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.goto');
    if (a) {
      e.preventDefault();
      window.nianbao.gotoCell(a.getAttribute('data-target'));
      return;
    }
    var badge = e.target.closest && e.target.closest('a.badge');
    if (badge) {
      e.preventDefault();
      var li = document.querySelector(badge.getAttribute('href'));
      if (li) {
        li.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
        li.classList.remove('flash-target');
        void li.offsetWidth;
        li.classList.add('flash-target');
      }
    }
  });
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (f.classList && f.classList.contains('delete-form') && !window.confirm('确定删除这份草稿吗？删除后无法恢复。')) e.preventDefault();
    if (f.classList && f.classList.contains('submit-form')) {
      var errors = document.querySelectorAll('#findings li.sev-error').length;
      var text = errors ? '这份报告还有 ' + errors + ' 个错误，确定报送吗？' : '确定报送这份报告吗？报送后审阅人即可看到。';
      if (!window.confirm(text)) e.preventDefault();
    }
  });
})();
