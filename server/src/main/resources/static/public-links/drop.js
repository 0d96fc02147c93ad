// The file drop page: each chosen or dropped file goes up as one PUT to the link's public DAV address, which
// never replaces anything (a taken name is stored as "name (2).ext"). XMLHttpRequest, because fetch reports no
// upload progress. The session cookie carries the password grant when the link has one.
(function () {
  'use strict';
  const drop = document.getElementById('drop');
  const pick = document.getElementById('pick');
  const list = document.getElementById('uploads');
  const dav = drop.dataset.dav;

  function upload(file) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = file.name + ' ';
    const progress = document.createElement('progress');
    progress.max = file.size || 1;
    progress.value = 0;
    const state = document.createElement('span');
    item.append(label, progress, state);
    list.append(item);
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', dav + '/' + encodeURIComponent(file.name));
    xhr.setRequestHeader('X-OC-Mtime', String(Math.floor(file.lastModified / 1000)));
    xhr.upload.onprogress = (e) => { progress.value = e.loaded; };
    xhr.onload = () => {
      progress.value = progress.max;
      state.textContent = xhr.status === 201 || xhr.status === 204 ? ' done' : ' failed (' + xhr.status + ')';
    };
    xhr.onerror = () => { state.textContent = ' failed (connection lost)'; };
    xhr.send(file);
  }

  function uploadAll(files) {
    for (const file of files) {
      upload(file);
    }
  }

  pick.addEventListener('change', () => { uploadAll(pick.files); pick.value = ''; });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    uploadAll(e.dataTransfer.files);
  });
}());
