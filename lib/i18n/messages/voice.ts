// Settings → Voice (the founder's writing samples) and the AI draft buttons that use them.
import { defineMessages } from "@/lib/i18n/translate";

export const voiceMessages = defineMessages({
  en: {
    title: "Voice",
    description:
      "A few things you wrote yourself, to customers or about the shop. “Draft in my voice” and “Suggest a reply” copy your tone from them; nothing is sent without a person pressing send.",
    none: "No samples yet. Paste two or three messages you wrote to customers.",
    sampleLabel: "Sample {number}",
    sampleHint: "{count} characters (between {min} and {max}).",
    add: "Add a sample",
    limit: "{max} samples at most: remove one to add another.",
    removeAsk: "Remove…",
    removeLabel: "Remove sample {number}…",
    removeWarning: "Remove sample {number}? Its text is gone once you save.",
    remove: "Remove",
    save: "Save samples",
    saved: "Samples saved. AI drafts now copy this voice.",
    aiOff:
      "AI drafts are off on this server (OPENAI_API_KEY is not set). You can save samples now; they are used once AI is turned on.",
  },
  fr: {
    title: "Votre style",
    description:
      "Quelques textes que vous avez écrits vous-même, à des clients ou sur la boutique. « Rédiger avec mon style » et « Suggérer une réponse » s'en inspirent ; rien n'est envoyé sans qu'une personne clique sur Envoyer.",
    none: "Aucun exemple pour l'instant. Collez deux ou trois messages que vous avez écrits à des clients.",
    sampleLabel: "Exemple {number}",
    sampleHint: "{count} caractères (entre {min} et {max}).",
    add: "Ajouter un exemple",
    limit: "{max} exemples au maximum : retirez-en un pour en ajouter un autre.",
    removeAsk: "Retirer…",
    removeLabel: "Retirer l'exemple {number}…",
    removeWarning: "Retirer l'exemple {number} ? Son texte disparaît à l'enregistrement.",
    remove: "Retirer",
    save: "Enregistrer les exemples",
    saved: "Exemples enregistrés. Les brouillons IA reprennent désormais ce style.",
    aiOff:
      "Les brouillons IA sont désactivés sur ce serveur (OPENAI_API_KEY n'est pas défini). Vous pouvez déjà enregistrer des exemples ; ils serviront une fois l'IA activée.",
  },
});

export const aiDraftMessages = defineMessages({
  en: {
    draftInVoice: "Draft in my voice",
    suggestReply: "Suggest a reply",
    drafting: "Drafting…",
    notConfigured:
      "AI drafts are off. To turn them on, set OPENAI_API_KEY in the server's environment (and OPENAI_BASE_URL for an OpenAI-compatible server), then restart the app.",
    drafted: "Draft ready: read and edit it before saving.",
    suggested: "Suggestion ready: read and edit it. Nothing is sent until you press send.",
  },
  fr: {
    draftInVoice: "Rédiger avec mon style",
    suggestReply: "Suggérer une réponse",
    drafting: "Rédaction…",
    notConfigured:
      "Les brouillons IA sont désactivés. Pour les activer, définissez OPENAI_API_KEY dans l'environnement du serveur (et OPENAI_BASE_URL pour un serveur compatible OpenAI), puis redémarrez l'application.",
    drafted: "Brouillon prêt : relisez-le et modifiez-le avant d'enregistrer.",
    suggested:
      "Suggestion prête : relisez-la et modifiez-la. Rien n'est envoyé tant que vous ne cliquez pas sur Envoyer.",
  },
});
