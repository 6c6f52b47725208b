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
        window.soprano.forgetTab();
        window.location.assign(data.redirect || "/");
        return { ok: true, message: "" };
      }
      return { ok: false, message: data.message || "Connexion impossible." };
    } catch (error) {
      return { ok: false, message: "Le serveur ne répond pas. Vérifiez votre connexion et réessayez." };
    }
  },
  // Logout always ends in this tab: the server clears the HttpOnly cookie and says whether it
  // could also close the session on its side (it closes it later when the database is down).
  async logout() {
    let outcome = "echec";
    try {
      const response = await fetch("/api/deconnexion", {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-Soprano-Request": "1" },
      });
      const data = await response.json();
      outcome = data.ok ? (data.closed ? "1" : "differe") : "echec";
    } catch (error) {
      outcome = "echec";
    } finally {
      window.soprano.forgetTab();
      window.location.assign("/connexion?deconnecte=" + outcome);
    }
  },
  // A new tab token: the next page starts from a new, empty server-side state.
  forgetTab() {
    try {
      window.sessionStorage.removeItem("token");
    } catch (error) {
      /* storage disabled: the server-side binding still empties the old state */
    }
  },
  // A full page load, so that the websocket reconnects with the current cookie.
  reload(path) {
    window.location.assign(path);
  },
};
