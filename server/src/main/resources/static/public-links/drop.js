// The file drop page. A small file goes up as one PUT to the link's public DAV address; a large one in parts to
// the page's upload endpoint, which keeps them until the last arrives, so a failed or interrupted upload resumes
// with the parts still missing when the same file is dropped again (also after a reload). Storage never replaces
// anything in a drop: a taken name is stored as "name (2).ext". XMLHttpRequest, because fetch reports no upload
// progress. The session cookie carries the password grant when the link has one.
(function () {
  'use strict';
  const PART = 10 * 1024 * 1024;
  const drop = document.getElementById('drop');
  const pick = document.getElementById('pick');
  const list = document.getElementById('uploads');
  const dav = drop.dataset.dav;
  const uploads = drop.dataset.uploads;

  function send(method, url, body, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      if (onProgress) {
        xhr.upload.onprogress = (e) => onProgress(e.loaded);
      }
      xhr.onload = () => (xhr.status < 300 ? resolve(xhr) : reject(new Error(String(xhr.status))));
      xhr.onerror = () => reject(new Error('connection lost'));
      xhr.send(body);
    });
  }

  // The same file (name, size, date) gets the same key, so its parts are found again after a failure or a reload.
  function keyOf(file) {
    let hash = 0xcbf29ce484222325n;
    for (const c of file.name + '|' + file.size + '|' + file.lastModified) {
      hash = BigInt.asUintN(64, (hash ^ BigInt(c.codePointAt(0))) * 0x100000001b3n);
    }
    return 'f' + hash.toString(16).padStart(16, '0');
  }

  async function inParts(file, progress) {
    const session = uploads + '/' + keyOf(file);
    await send('POST', session + '?total=' + file.size, null);
    const received = JSON.parse((await send('GET', session, null)).responseText).parts;
    let done = 0;
    for (let start = 0, n = 0; start < file.size; start += PART, n++) {
      const name = String(n).padStart(6, '0');
      const part = file.slice(start, Math.min(start + PART, file.size));
      if (received[name] !== part.size) {
        await send('PUT', session + '/' + name, part, (loaded) => progress(done + loaded));
      }
      done += part.size;
      progress(done);
    }
    await send('POST', session + '/assemble?name=' + encodeURIComponent(file.name)
      + '&mtime=' + Math.floor(file.lastModified / 1000), null);
  }

  function whole(file, progress) {
    return send('PUT', dav + '/' + encodeURIComponent(file.name), file, progress);
  }

  async function upload(file) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = file.name + ' ';
    const bar = document.createElement('progress');
    bar.max = file.size || 1;
    bar.value = 0;
    const state = document.createElement('span');
    item.append(label, bar, state);
    list.append(item);
    try {
      await (file.size > PART ? inParts : whole)(file, (loaded) => { bar.value = loaded; });
      bar.value = bar.max;
      state.textContent = ' done';
    }
    catch (e) {
      state.textContent = ' failed (' + e.message + ')' + (file.size > PART ? ': drop it again to resume' : '');
    }
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
