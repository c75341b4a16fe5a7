// The drop zone: show the chosen files, highlight while dragging.
(function () {
  'use strict';
  var drop = document.getElementById('drop');
  var input = document.getElementById('files');
  var list = document.getElementById('picked');
  if (!drop || !input || !list) return;
  function show() {
    list.textContent = '';
    Array.prototype.forEach.call(input.files || [], function (f) {
      var li = document.createElement('li');
      li.textContent = '📄 ' + f.name + '（' + (f.size < 1024 ? f.size + ' 字节' : Math.round(f.size / 1024) + ' KB') + '）';
      list.appendChild(li);
    });
  }
  input.addEventListener('change', show);
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.remove('over'); });
  });
})();
