// The trend chart on the review page (ECharts, served from this server).
(function () {
  'use strict';
  var el = document.getElementById('trend-chart');
  var data = document.getElementById('trend-data');
  if (!el || !data || !window.echarts) return;
  var d = JSON.parse(data.textContent || '{}');
  if (!d.years || !d.years.length) {
    el.textContent = '暂无历年数据';
    el.className = 'chart muted';
    return;
  }
  var chart = window.echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    color: ['#1f4e8c', '#2f9e6b', '#d08a00', '#b8312f', '#7a4ea8'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: d.years.map(String), name: '年度' },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: d.series.map(function (s, i) {
      return { name: s.name, type: 'line', smooth: false, symbolSize: 8, data: s.values, label: { show: i === 0 && d.years.length <= 8, position: 'top' } };
    }),
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
