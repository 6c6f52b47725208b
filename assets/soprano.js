// Browser side of the login and logout: the server sets and clears the HttpOnly session
// cookie, then a full page load reconnects the websocket with (or without) it.
window.soprano = {
  async login(formId) {
    const form = document.getElementById(formId);
    if (!form) return { ok: false, message: "Formulaire introuvable." };
    try {
      const response = await fetch("/api/connexion", {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Soprano-Request": "1" },
      });
      const data = await response.json();
      if (data.ok) {
        window.location.assign(data.redirect || "/");
        return { ok: true, message: "" };
      }
      return { ok: false, message: data.message || "Connexion impossible." };
    } catch (error) {
      return { ok: false, message: "Le serveur ne répond pas. Vérifiez votre connexion et réessayez." };
    }
  },
  async logout() {
    try {
      await fetch("/api/deconnexion", {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-Soprano-Request": "1" },
      });
    } finally {
      window.location.assign("/connexion?deconnecte=1");
    }
  },
  // A full page load, so that the websocket reconnects with the current cookie.
  reload(path) {
    window.location.assign(path);
  },
};
