/*
 * Watch beside the code: a ▶ control and a copy-link control next to each timecode of a lecture
 * page and of a «В лекциях» block. ▶ opens a youtube-nocookie player docked at the bottom right,
 * started at that second; a later ▶ on the page seeks the same player. Esc or × closes it.
 * The player is a named, non-modal dialog; opened with the keyboard, its × takes the focus.
 *
 * A facade of our own rather than lite-youtube-embed: that element loads its poster from
 * i.ytimg.com as soon as it is on the page and preconnects to YouTube on hover (requests to a
 * video host before any click), and seeking an existing player needs the iframe API's
 * postMessage commands anyway, which are a few lines here. Before the first ▶ nothing is
 * requested from any video host.
 *
 * On a narrow screen (< 768 px) ▶ is just a link: it opens the moment on YouTube.
 * Icons: Material Design Icons (Apache 2.0), the set Material for MkDocs ships.
 */
(function () {
  "use strict";

  const HOST = "https://www.youtube-nocookie.com";
  // Lecture pages list their timecodes under #timecodes; topic and API pages under #v-lektsiyakh.
  const LINKS = ["#timecodes", "#v-lektsiyakh"]
    .map((id) => `article ${id} ~ ul a[href^="https://www.youtube.com/watch?"][href*="t="]`)
    .join(", ");
  const NARROW = window.matchMedia("(max-width: 767px)");
  const ICONS = {
    play: "M8 5.14v14l11-7-11-7Z",
    link: "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.982 2.982 0 0 0 0-4.24 2.982 2.982 0 0 0-4.24 0l-3.53 3.53a2.982 2.982 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.982 2.982 0 0 0 0 4.24 2.982 2.982 0 0 0 4.24 0l3.53-3.53a2.982 2.982 0 0 0 0-4.24.973.973 0 0 1 0-1.42Z",
    done: "M21 7 9 19l-5.5-5.5 1.41-1.41L9 16.17 19.59 5.59 21 7Z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12 19 6.41Z",
  };

  let player = null; // {root, iframe, video, loaded, opener, link, label}

  /** "1h04m36s", "8m00s" or "95" → seconds; null when it is none of these. */
  function seconds(t) {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(t || "");
    if (!m || !t) return null;
    return (+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0);
  }

  /** The video id and start second of a timecode link, or null for any other link. */
  function moment(href) {
    const url = new URL(href);
    const video = url.searchParams.get("v");
    const start = seconds(url.searchParams.get("t"));
    return video && start !== null ? { video, start, href } : null;
  }

  function icon(name) {
    return `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${ICONS[name]}"/></svg>`;
  }

  function embedUrl(m) {
    // enablejsapi lets a later ▶ seek this player with postMessage instead of reloading it.
    const query = new URLSearchParams({
      start: String(m.start), autoplay: "1", enablejsapi: "1", rel: "0", playsinline: "1",
      origin: window.location.origin,
    });
    return `${HOST}/embed/${encodeURIComponent(m.video)}?${query}`;
  }

  function command(func, args) {
    player.iframe.contentWindow.postMessage(JSON.stringify({ event: "command", func, args }), HOST);
  }

  function close() {
    if (!player) return;
    const { root, opener } = player;
    const focusInside = root.contains(document.activeElement);
    root.remove(); // removing the iframe stops the video
    player = null;
    if (focusInside && opener && opener.isConnected) opener.focus();
  }

  function create() {
    // A non-modal dialog: the page stays usable beside it. Opened from the keyboard, it takes
    // the focus (Tab reaches its controls at once); Esc or × closes it and gives the focus back.
    const root = document.createElement("div");
    root.className = "lr-player";
    root.setAttribute("role", "dialog");
    root.setAttribute("aria-modal", "false");
    root.setAttribute("aria-label", "Видео лекции");
    root.tabIndex = -1;
    root.innerHTML = `
      <div class="lr-player__bar">
        <span class="lr-player__label"></span>
        <a class="lr-player__youtube" target="_blank" rel="noopener">Открыть на YouTube</a>
        <button type="button" class="lr-player__close" aria-label="Закрыть видео" title="Закрыть (Esc)">${icon("close")}</button>
      </div>
      <div class="lr-player__frame"><iframe title="Видео лекции" allow="autoplay; encrypted-media; picture-in-picture; fullscreen" allowfullscreen></iframe></div>`;
    const iframe = root.querySelector("iframe");
    const state = { root, iframe, video: null, loaded: false, opener: null,
      link: root.querySelector(".lr-player__youtube"), label: root.querySelector(".lr-player__label") };
    iframe.addEventListener("load", () => {
      state.loaded = true;
      root.classList.remove("lr-player--loading");
    });
    root.querySelector(".lr-player__close").addEventListener("click", close);
    // Outside <article>: the player stays when navigation.instant swaps the page.
    document.body.appendChild(root);
    return state;
  }

  function play(m, opener, label, byKeyboard) {
    const fresh = !player;
    if (!player) player = create();
    player.opener = opener;
    player.link.href = m.href;
    player.label.textContent = label;
    if (player.video === m.video && player.loaded) {
      command("seekTo", [m.start, true]);
      command("playVideo", []);
    } else {
      player.loaded = false;
      player.root.classList.add("lr-player--loading");
      player.video = m.video;
      player.iframe.src = embedUrl(m);
    }
    player.root.setAttribute("aria-label", "Видео лекции: " + label);
    if (byKeyboard && fresh) player.root.querySelector(".lr-player__close").focus();
  }

  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain http on a LAN address: no Clipboard API, the old way still works.
    const area = Object.assign(document.createElement("textarea"), { value: text });
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;opacity:0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    if (!ok) throw new Error("copy refused");
  }

  function tools(link, m) {
    const clock = link.textContent.trim();
    const item = link.closest("li");
    const label = item ? item.textContent.replace(/\s+/g, " ").trim() : clock;
    const box = document.createElement("span");
    box.className = "lr-moment";
    const playLink = Object.assign(document.createElement("a"), { href: m.href, className: "lr-moment__play" });
    playLink.innerHTML = icon("play");
    playLink.title = "Смотреть с " + clock + " рядом с текстом";
    playLink.setAttribute("aria-label", "Смотреть видео с " + clock);
    playLink.addEventListener("click", (event) => {
      if (NARROW.matches || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      play(m, playLink, label, event.detail === 0);  // detail 0: Enter, not a pointer's click
    });
    const copyButton = Object.assign(document.createElement("button"), { type: "button", className: "lr-moment__copy" });
    copyButton.innerHTML = icon("link") + icon("done");
    copyButton.title = "Скопировать ссылку на этот момент";
    copyButton.setAttribute("aria-label", "Скопировать ссылку на момент " + clock);
    const status = Object.assign(document.createElement("span"), { className: "lr-moment__status" });
    status.setAttribute("role", "status");
    copyButton.addEventListener("click", () => {
      copy(m.href).then(() => {
        copyButton.classList.add("lr-moment__copy--done");
        status.textContent = "Скопировано";
        setTimeout(() => { copyButton.classList.remove("lr-moment__copy--done"); status.textContent = ""; }, 2000);
      }, () => { status.textContent = "Не удалось скопировать"; });
    });
    box.append(playLink, copyButton, status);
    return box;
  }

  function enhance() {
    for (const link of document.querySelectorAll(LINKS)) {
      if (link.dataset.lrMoment) continue;
      const m = moment(link.href);
      if (!m) continue;
      link.dataset.lrMoment = "1";
      link.after(tools(link, m));
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && player) close();
  });
  if (typeof document$ !== "undefined") {
    document$.subscribe(enhance); // every page, including those navigation.instant swaps in
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
