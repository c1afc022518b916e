// The live page: one event stream from the demo (or the web command), drawn as the pipeline, charts, batches and a
// timeline. Everything it shows comes from the stream; a reconnect replays the state from the start.
(function () {
  'use strict';
  const T = {
    en: {
      title: 'Kafka and Spark, live', producer: 'Producer', kafka: 'Kafka', spark: 'Spark', rate: 'rate',
      acknowledged: 'acknowledged', retries: 'retries', partition: 'partition', leader: 'leader',
      replicas: 'replicas (in sync / out of sync)', logEnd: 'log-end offset', reachedOffset: 'reached', lag: 'lag',
      restartStream: 'restart the stream', chartRates: 'records per second: produced and processed',
      chartLag: 'lag (records not yet processed)', chartBatches: 'batch duration and delay (s)', groups: 'Consumer groups',
      group: 'group', topic: 'topic', committed: 'committed', summary: 'Summary', batches: 'Batches', timeline: 'Timeline',
      connecting: 'connecting', live: 'live', ended: 'the demo ended', lost: 'connection lost, reconnecting',
      dropped: 'This page fell behind and was disconnected; it reconnected and shows the state again.',
      stop: 'stop', start: 'start', controller: 'controller', activeController: 'active controller: broker {0}',
      quorum: 'KRaft quorum: voters {0}, leader node {1}', noController: 'no active controller right now',
      waitingFor: 'waiting for {0} to start', records: 'records', processing: 'processing', delay: 'delay',
      produced: 'produced/s', processed: 'processed/s', duration: 'duration', noToken:
        'Buttons need the link with the token the demo printed.', batchHead: '{0}: {1} records, done {2} s after batch time',
      engineLine: '{0}, batches every {1}', dstream: 'Spark Streaming (DStreams)', structured: 'Structured Streaming',
      nobody: 'no consumer group has committed offsets', stopped: 'stopped', running: 'running',
      kafkaOnly: 'the Kafka half of the page: brokers, topics and consumer groups of {0}',
      quorumPart: 'the controller quorum', brokersPart: 'the brokers', producerPart: 'the producer',
      sparkPart: 'the Spark job', tookWaited: 'processing {0} s, waited {1} s to start'
    },
    ko: {
      title: 'Kafka와 Spark, 실시간', producer: '프로듀서', kafka: 'Kafka', spark: 'Spark', rate: '속도',
      acknowledged: '확인된 레코드', retries: '재시도', partition: '파티션', leader: '리더',
      replicas: '복제본 (동기화 / 비동기화)', logEnd: '로그 끝 오프셋', reachedOffset: '처리한 오프셋', lag: '랙',
      restartStream: '스트림 재시작', chartRates: '초당 레코드: 생산과 처리', chartLag: '랙 (아직 처리되지 않은 레코드)',
      chartBatches: '배치 처리 시간과 지연 (초)', groups: '컨슈머 그룹', group: '그룹', topic: '토픽', committed: '커밋된 오프셋',
      summary: '요약', batches: '배치', timeline: '타임라인', connecting: '연결 중', live: '실시간', ended: '데모가 끝났습니다',
      lost: '연결이 끊겨 다시 연결하는 중', dropped: '이 페이지가 뒤처져 연결이 끊겼습니다. 다시 연결해 현재 상태를 다시 보여 줍니다.',
      stop: '중지', start: '시작', controller: '컨트롤러', activeController: '활성 컨트롤러: 브로커 {0}',
      quorum: 'KRaft 쿼럼: 투표자 {0}, 리더 노드 {1}', noController: '지금은 활성 컨트롤러가 없습니다',
      waitingFor: '시작을 기다리는 중: {0}', records: '레코드', processing: '처리', delay: '지연', produced: '생산/초',
      processed: '처리/초', duration: '처리 시간', noToken: '버튼을 쓰려면 데모가 출력한 토큰이 있는 링크로 여세요.',
      batchHead: '{0}: 레코드 {1}개, 배치 시각 {2}초 뒤 완료', engineLine: '{0}, {1}마다 배치',
      dstream: 'Spark Streaming (DStream)', structured: '구조적 스트리밍 (Structured Streaming)',
      nobody: '오프셋을 커밋한 컨슈머 그룹이 없습니다', stopped: '중지됨', running: '실행 중',
      kafkaOnly: '페이지의 Kafka 쪽: {0}의 브로커, 토픽, 컨슈머 그룹',
      quorumPart: '컨트롤러 쿼럼', brokersPart: '브로커', producerPart: '프로듀서', sparkPart: 'Spark job', tookWaited: '처리 {0}초, 시작까지 {1}초 대기'
    }
  };
  const $ = (s) => document.querySelector(s);
  const token = new URLSearchParams(location.search).get('token');
  let lang = localStorage.getItem('kafka-spark-lang') || (navigator.language || 'en').slice(0, 2);
  if (!T[lang]) lang = 'en';
  const t = (key, ...args) => (T[lang][key] || T.en[key] || key).replace(/\{(\d)\}/g, (m, i) => args[i]);
  const clientId = sessionStorage.getItem('kafka-spark-client') || Math.random().toString(36).slice(2);
  sessionStorage.setItem('kafka-spark-client', clientId);

  let s; // the state drawn, rebuilt from each (re)connection's replay
  function reset() {
    s = { hello: {}, partitions: null, progress: null, lastProgress: null, status: null, brokers: [], ended: false,
      rates: [[], [], []], lag: [[], []], batchTimes: [[], [], []], lastStatusOut: 0, lastLag: null, reached: {},
      started: [] };
    $('#timeline').innerHTML = '';
    $('#batches').innerHTML = '';
    $('#summary-section').hidden = true;
  }

  function text(el, value) { if (el) el.textContent = value; }
  function fmt(n) { return n == null || isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'); }
  function secs(ms) { return (ms / 1000).toFixed(2); }
  function clock(ms) { return new Date(ms).toLocaleTimeString('en-GB', { hour12: false }) + '.' + String(ms % 1000).padStart(3, '0'); }

  function setState(state) {
    const el = $('#state');
    el.className = 'pill ' + state;
    el.dataset.state = state;
    text(el, t(state));
  }

  function translate() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => text(el, t(el.dataset.i18n)));
    document.querySelectorAll('#languages button').forEach((b) => b.classList.toggle('on', b.dataset.lang === lang));
    setState($('#state').dataset.state);
    drawAbout();
    drawKafka();
    waiting();
  }

  function drawAbout() {
    const h = s.hello;
    let about = [h.topic, h.mode, h.auth ? 'SASL/SCRAM + ACLs' : ''].filter(Boolean).join(' · ');
    if (h.kind === 'kafka') about = t('kafkaOnly', h.bootstrap);
    text($('#about'), about);
    text($('#topic'), h.topic || '');
    if (h.engine) text($('#engine'), t('engineLine', t(h.engine), secs(h.intervalMs).replace(/\.?0+$/, '') + ' s'));
    $('#spark').hidden = !h.engine;
    $('#producer').hidden = h.kind !== 'demo';
    $('#kafka').hidden = h.kind === 'stream';
    $('#charts').hidden = h.kind === 'kafka'; // the web command: no job here, so no rates, batches or delays
    $('#batches').parentElement.hidden = h.kind === 'kafka';
    document.querySelectorAll('.arrow').forEach((a) => { a.hidden = h.kind !== 'demo'; });
    $('#restart-stream').hidden = !(h.actions || []).includes('restart-stream');
  }

  // The Kafka half: brokers (running or stopped, the controller), then each partition with its replicas.
  function drawKafka() {
    const p = s.progress;
    const brokers = $('#brokers');
    const canAct = (s.hello.actions || []).includes('stop-broker');
    // Rebuilt only when something changed: a button replaced under the pointer would lose the click.
    const key = lang + JSON.stringify(p ? [p.brokers, p.controller] : []) + canAct;
    if (brokers.dataset.key !== key) {
      brokers.dataset.key = key;
      brokers.innerHTML = '';
      drawBrokers(p, brokers, canAct);
    }
    drawTables(p);
  }

  function drawBrokers(p, brokers, canAct) {
    (p ? p.brokers : []).forEach((b) => {
      const el = document.createElement('span');
      el.className = 'broker' + (b.running ? '' : ' stopped');
      el.dataset.broker = b.id;
      el.title = b.address + ' · ' + t(b.running ? 'running' : 'stopped');
      el.textContent = (p.kraft ? 'node ' : 'broker ') + b.id;
      if (b.id === p.controller) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = p.kraft ? 'leader' : t('controller');
        el.appendChild(badge);
      }
      if (canAct) {
        const btn = document.createElement('button');
        btn.type = 'button';
        btn.dataset.action = b.running ? 'stop-broker' : 'start-broker';
        btn.dataset.broker = b.id;
        btn.textContent = t(b.running ? 'stop' : 'start');
        el.appendChild(btn);
      }
      brokers.appendChild(el);
    });
  }

  function drawTables(p) {
    if (p) {
      text($('#controller'), p.controller < 0 ? t('noController') : p.kraft
        ? t('quorum', p.voters.join(', '), p.controller) : t('activeController', p.controller));
    }
    if (s.hello.kind === 'kafka') return; // the web command's table is the cluster's, drawn by onKafka
    const body = $('#partitions tbody');
    // The newer of the two: the watcher's change (at once) and the once-a-second sample.
    const fromSample = p && p.partitions && p.partitions.length ? p : null;
    const rows = s.partitions && (!fromSample || s.partitions.at >= fromSample.at) ? s.partitions.rows
      : fromSample ? fromSample.partitions : [];
    const key = JSON.stringify([rows, p ? p.end : null]);
    if (body.dataset.key !== key) { // redrawn only when it changed: a selection in it stays
      body.dataset.key = key;
      body.innerHTML = '';
      drawPartitions(body, rows, p);
    }
    if (s.hello.kind === 'stream') return;
    const lag = s.status && s.status.lag ? s.status.lag : {};
    drawReached(Object.keys(p && p.end ? p.end : {}), (part) => (p.reached ? p.reached[part] : null), (part) => {
      const r = p.reached ? p.reached[part] : null;
      return r != null ? Math.max(0, p.end[part] - r) : lag[part];
    });
  }

  function drawPartitions(body, rows, p) {
    rows.forEach((r) => {
      const tr = document.createElement('tr');
      tr.dataset.partition = r.partition;
      const replicas = r.replicas.filter((id) => r.isr.includes(id)).map((id) => replica(id, r.leader, true))
        .concat(r.replicas.filter((id) => !r.isr.includes(id)).map((id) => replica(id, r.leader, false))).join('');
      const end = p && p.end ? p.end[r.partition] : null;
      tr.innerHTML = '<td>' + r.partition + '</td><td class="leader">' + (r.leader < 0 ? 'none' : r.leader) +
        '</td><td class="replicas">' + replicas + '</td><td class="end">' + fmt(end) + '</td>';
      body.appendChild(tr);
    });
  }

  function drawReached(partitions, reachedOf, lagOf) {
    const reached = $('#reached tbody');
    reached.innerHTML = '';
    partitions.forEach((part) => {
      const tr = document.createElement('tr');
      tr.dataset.partition = part;
      tr.innerHTML = '<td>' + part + '</td><td>' + fmt(reachedOf(part)) + '</td><td class="lag">' + fmt(lagOf(part)) +
        '</td>';
      reached.appendChild(tr);
    });
  }

  function replica(id, leader, inSync) {
    return '<span class="replica' + (inSync ? '' : ' out') + (id === leader ? ' leader' : '') + '" data-replica="' + id +
      '">' + id + '</span>';
  }

  function sum(map) { return Object.values(map || {}).reduce((a, b) => a + b, 0); }

  function onProgress(m) {
    const before = s.progress;
    s.progress = m;
    if (before && m.at > before.at) {
      const dt = (m.at - before.at) / 1000;
      const produced = (m.acknowledged - before.acknowledged) / dt;
      const processed = m.reached && before.reached ? Math.max(0, (sum(m.reached) - sum(before.reached)) / dt)
        : s.lastStatusOut;
      text($('#producer-rate'), fmt(produced) + ' /s');
      push(s.rates, [m.at / 1000, produced, processed]);
      const lag = m.reached ? Math.max(0, sum(m.end) - sum(m.reached)) : s.lastLag;
      push(s.lag, [m.at / 1000, lag]);
    }
    text($('#producer-acked'), fmt(m.acknowledged));
    text($('#producer-retries'), fmt(m.retries) + (m.failed > 0 ? ' (' + fmt(m.failed) + ' failed)' : ''));
    drawKafka();
  }

  // Before the pipeline runs: what the demo still waits for, from the parts that said they started.
  function waiting() {
    const h = s.hello;
    if (h.kind !== 'demo') { text($('#waiting'), ''); return; }
    const has = (prefix) => s.started.some((p) => p.startsWith(prefix));
    const parts = [[h.mode === 'kraft' ? 'controller quorum' : 'zookeeper', h.mode === 'kraft' ? t('quorumPart') : 'ZooKeeper'],
      ['broker', t('brokersPart')], ['producer', t('producerPart')], ['stream', t('sparkPart')]];
    const missing = parts.filter(([prefix]) => !has(prefix)).map(([, name]) => name);
    text($('#waiting'), missing.length && !s.ended ? t('waitingFor', missing.join(', ')) : '');
  }

  function onStatus(m) {
    const latest = $('#batches .batch');
    if (latest && !latest.dataset.timed) { // the status sample that follows a batch carries its timing
      latest.dataset.timed = '1';
      const timing = document.createElement('div');
      timing.className = 'timing';
      timing.textContent = t('tookWaited', secs(m.processingMs), secs(Math.max(0, m.delayMs)));
      latest.insertBefore(timing, latest.children[1]);
    }
    s.status = m;
    s.lastStatusOut = m.out;
    s.lastLag = m.lag ? sum(m.lag) : null;
    push(s.batchTimes, [m.at / 1000, m.processingMs / 1000, Math.max(0, m.delayMs) / 1000]);
  }

  function push(series, point) {
    point.forEach((v, i) => series[i].push(v));
    if (series[0].length > 900) series.forEach((a) => a.shift());
  }

  function onBatch(m) {
    if (s.hello.kind === 'stream') { // no status samples here: the batches themselves feed the Spark half
      m.ranges.forEach((r) => { s.reached[r.partition] = r.until; });
      const at = m.at / 1000;
      push(s.rates, [at, NaN, m.records / Math.max(0.001, s.hello.intervalMs / 1000)]);
      push(s.batchTimes, [at, Math.max(0, m.doneAfterMs) / 1000, NaN]);
      drawReached(Object.keys(s.reached), (part) => s.reached[part], () => null);
    }
    const div = document.createElement('div');
    div.className = 'batch';
    div.dataset.records = m.records;
    div.dataset.at = m.at;
    const head = document.createElement('div');
    head.className = 'head';
    head.textContent = t('batchHead', (m.id != null ? '#' + m.id + ' ' : '') + clock(m.time), fmt(m.records), secs(m.doneAfterMs));
    div.appendChild(head);
    const ranges = document.createElement('div');
    ranges.textContent = m.ranges.map((r) => 'p' + r.partition + ' ' + r.from + '..' + r.until + ' (' + r.count + ')').join('   ');
    div.appendChild(ranges);
    m.samples.forEach((x) => {
      const line = document.createElement('div');
      line.className = 'sample';
      line.textContent = 'p' + x.partition + '@' + x.offset + ' ' + x.key + ': ' + x.value;
      div.appendChild(line);
    });
    const list = $('#batches');
    list.insertBefore(div, list.firstChild);
    while (list.children.length > 30) list.removeChild(list.lastChild);
  }

  function timeline(m, kind, words) {
    const li = document.createElement('li');
    li.className = kind;
    const at = document.createElement('span');
    at.className = 'at';
    at.textContent = (m.at / 1000).toFixed(2) + 's';
    li.appendChild(at);
    li.appendChild(document.createTextNode(words));
    const list = $('#timeline');
    list.insertBefore(li, list.firstChild);
    while (list.children.length > 300) list.removeChild(list.lastChild);
  }

  function onPartitions(m) {
    const before = s.partitions;
    s.partitions = m;
    if (m.changed && before) {
      const moved = [];
      m.rows.forEach((r) => {
        const old = before.rows.find((o) => o.partition === r.partition);
        if (!old) return;
        if (old.leader !== r.leader) moved.push('p' + r.partition + ' leader ' + old.leader + ' → ' + r.leader);
        if (old.isr.join() !== r.isr.join()) moved.push('p' + r.partition + ' ISR [' + old.isr + '] → [' + r.isr + ']');
      });
      if (moved.length) timeline(m, 'partitions', moved.join('; '));
    }
    drawKafka();
  }

  function onKafka(m) { // the web command: a whole cluster, every topic, and the groups
    s.progress = { brokers: m.brokers, controller: m.controller, kraft: m.kraft, voters: m.voters, end: {} };
    s.partitions = null;
    drawKafka();
    const body = $('#partitions tbody');
    body.innerHTML = '';
    m.topics.forEach((topic) => topic.partitions.forEach((r) => {
      const tr = document.createElement('tr');
      tr.dataset.partition = topic.name + '-' + r.partition;
      tr.innerHTML = '<td>' + topic.name + '-' + r.partition + '</td><td class="leader">' + (r.leader < 0 ? 'none' : r.leader) +
        '</td><td class="replicas">' + r.replicas.filter((id) => r.isr.includes(id)).map((id) => replica(id, r.leader, true))
          .concat(r.replicas.filter((id) => !r.isr.includes(id)).map((id) => replica(id, r.leader, false))).join('') +
        '</td><td class="end">' + fmt(r.end) + '</td>';
      body.appendChild(tr);
    }));
    $('#groups-section').hidden = false;
    const groups = $('#groups tbody');
    groups.innerHTML = '';
    if (!m.groups.length) groups.innerHTML = '<tr><td colspan="6">' + t('nobody') + '</td></tr>';
    m.groups.forEach((g) => g.partitions.forEach((p) => {
      const tr = document.createElement('tr');
      tr.dataset.group = g.group;
      tr.innerHTML = '<td>' + g.group + '</td><td>' + p.topic + '</td><td>' + p.partition + '</td><td>' + fmt(p.committed) +
        '</td><td>' + fmt(p.end) + '</td><td class="lag">' + fmt(p.lag) + '</td>';
      groups.appendChild(tr);
    }));
  }

  function handle(m) {
    switch (m.type) {
      case 'hello': reset(); s.hello = m; drawAbout(); waiting(); break;
      case 'progress': onProgress(m); break;
      case 'status': onStatus(m); break;
      case 'partitions': onPartitions(m); break;
      case 'batch': onBatch(m); break;
      case 'kafka': onKafka(m); break;
      case 'step': timeline(m, 'step', m.text); break;
      case 'started': s.started.push(m.part); waiting(); timeline(m, m.type, m.text); break;
      case 'stopped': timeline(m, m.type, m.text); break;
      case 'scenario': timeline(m, 'scenario', '>>> ' + m.text); break;
      case 'note': timeline(m, 'note', m.text); break;
      case 'access': timeline(m, m.granted ? 'granted' : 'denied', m.text); break;
      case 'summary': $('#summary-section').hidden = false; text($('#summary'), m.lines.join('\n')); break;
      case 'end': s.ended = true; setState('ended'); break;
      case 'notice': $('#notice').hidden = false; text($('#notice'), t(m.text)); break;
      default: break;
    }
  }

  // Charts: uPlot, fed from the same stream; redrawn at most once a second.
  const charts = {};
  function chart(id, labels, colors) {
    const opts = { width: 420, height: 180, series: [{}].concat(labels.map((l, i) => ({ label: l, stroke: colors[i], width: 2 }))),
      axes: [{ space: 70, values: (u, vals) => vals.map((v) => Math.round(v) + 's') }, {}], scales: { x: { time: false } } };
    charts[id] = new uPlot(opts, [[]].concat(labels.map(() => [])), document.getElementById(id));
  }
  function redraw() {
    if (!window.uPlot || !s) return;
    if (!charts['chart-rates']) {
      chart('chart-rates', [t('produced'), t('processed')], ['#4a78b5', '#d0803a']);
      chart('chart-lag', [t('lag')], ['#c0392b']);
      chart('chart-batches', [t('duration'), t('delay')], ['#4f9a58', '#7d3c98']);
    }
    charts['chart-rates'].setData(s.rates);
    charts['chart-lag'].setData(s.lag);
    charts['chart-batches'].setData(s.batchTimes);
  }

  function act(action, broker) {
    fetch('/action', { method: 'POST', headers: { 'X-Demo-Token': token || '', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'action=' + encodeURIComponent(action) + '&broker=' + encodeURIComponent(broker) })
      .then((r) => r.text()).then((words) => text($('#action-result'), words));
  }
  document.addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.lang) { lang = b.dataset.lang; localStorage.setItem('kafka-spark-lang', lang); translate(); return; }
    if (b.dataset.action) {
      if (!token) { text($('#action-result'), t('noToken')); return; }
      act(b.dataset.action, b.dataset.broker == null ? -1 : b.dataset.broker);
    }
  });

  reset();
  translate();
  setState('connecting');
  const source = new EventSource('/events?client=' + encodeURIComponent(clientId));
  source.onopen = () => { if (!s.ended) setState('live'); };
  source.onmessage = (e) => { handle(JSON.parse(e.data)); if (!s.ended && e.data.indexOf('"type":"end"') < 0) setState('live'); };
  source.onerror = () => {
    if (s.ended) { source.close(); setState('ended'); } else { setState('lost'); }
  };
  setInterval(redraw, 1000);
})();
