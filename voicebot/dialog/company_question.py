"""Questions about the company rather than a concern its hotline serves ("Suchen Sie noch
Azubis?", "Ich bin von der Zeitung", "Kann man bei Ihnen eine Werksbesichtigung machen?", "Wo
sitzt Ihre Firma?"): said plainly that the bot has no information on it and a person offered,
instead of "nicht verstanden" twice and the keypad menu.
"""

from __future__ import annotations

import re

from voicebot.dialog.agent_requests import asks_for_agent
from voicebot.dialog.answering import needs_of
from voicebot.dialog.call_questions import PRIVACY as _PRIVACY
from voicebot.dialog.harm_words import reports_harm, reports_problem
from voicebot.dialog.intent_choice import set_intent
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import Intent

# A business asks to buy for resale or to work with the company ("Ich betreibe ein Café und
# würde gern Ihre Hafermilch im Großhandel beziehen", "ich bin Influencerin und würde gern mit
# Sonnhof kooperieren"): the company, whatever product is named
_BUSINESS = re.compile(
    r"\b(?:grosshandel\w*|grosshaendler\w*|wiederverkaeufer\w*|wiederverkauf\w*|"
    r"grossabnehmer\w*|grosskunde\w*|geschaeftskunde\w*|gewerbekunde\w*|grossmengen|"
    r"in (?:unser\w*|mein\w*) sortiment (?:\w+ )?(?:aufnehmen|nehmen|listen)|listung\w*|"
    r"influencer\w* (?:\w+ ){0,4}(?:kooperation\w*|kooperier\w*|zusammenarbeit\w*|werbung)|"
    r"werbepartner\w*|markenbotschafter\w*|kooperier\w*|"
    r"mit (?:ihnen|euch|sonnhof|ihrer firma) zusammenarbeiten|wholesale|resell\w*|"
    r"trade (?:customer|account)s?)\b"
    # a business of the caller's that would buy ("ich betreibe ein Café und würde gern die
    # Hafermilch beziehen")
    r"|\b(?:ich betreibe|wir betreiben|ich fuehre|wir fuehren|ich habe|wir haben|fuer) "
    r"(?:ein\w* |(?:eine?n? )?kleine\w* |mein\w* |unser\w* )?(?:cafe|restaurant|laden|hotel|"
    r"kantine|bistro|hofladen|bioladen|unverpacktladen|kiosk|imbiss|baeckerei|catering\w*)\b"
    r"(?=.*\b(?:beziehen|einkaufen|abnehmen|liefern|lieferung|bestellen|anbieten|verkaufen)\b)"
)
# (pattern over the folded words, what the bot has no information on: German, English)
_TOPICS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\b(?:stellenangebot\w*|stellenanzeige\w*|offene stellen?|bewerb\w*|"
                r"ausbildungs?plaetze?|ausbildungsstelle\w*|azubis?|praktik\w*|karriere\w*|"
                r"(?:suchen|sucht|sucht ihr|suchen sie) (?:\w+ ){0,2}(?:leute|personal|"
                r"mitarbeiter\w*|verstaerkung|aushilfe\w*)|(?:leute|personal|aushilfe\w*|"
                r"verstaerkung) (?:\w+ ){0,3}(?:suchen|sucht|gesucht|einstellen)|"
                r"stellen sie (?:\w+ ){0,2}ein|arbeiten bei (?:ihnen|euch)|"
                r"jobs?|vacanc\w*|careers?|hiring|apply for)\b"),
     "zu Stellenangeboten und Bewerbungen", "on jobs and applications"),
    (re.compile(r"\b(?:presse(?:stelle|abteilung|anfrage\w*|sprecher\w*)?|journalist\w*|"
                r"redaktion|reporter\w*|medienanfrage\w*|press (?:office|enquir\w*|inquir\w*)|"
                r"media enquir\w*)\b"),
     "zu Presseanfragen", "on press enquiries"),
    (re.compile(r"\b(?:\w*besichtigung\w*|werksfuehrung\w*|betriebsfuehrung\w*|"
                r"(?:fabrik|werk|produktion|betrieb) (?:\w+ ){0,2}(?:besuchen|anschauen|ansehen)|"
                r"factory (?:tour|visit)\w*)\b"),
     "zu Besichtigungen", "on visits"),
    (re.compile(r"\b(?:firmensitz|hauptsitz|firmenadresse|postanschrift|"
                r"wo (?:sitzt|ist|sind|liegt|befindet sich) (?:denn |eigentlich )*(?:ihre|eure|"
                r"die) (?:firma|zentrale|fabrik|werk|unternehmen|produktion)|"
                r"(?:ihre|eure) (?:adresse|anschrift)|headquarters|head office)\b"),
     "zu Anschrift und Standorten", "on addresses and sites"),
    # "Wo kann ich Ihre Produkte kaufen?" (no product named: one named is asked about it)
    (re.compile(r"\b(?:wo (?:\w+ ){0,5}(?:kaufen|kauf|bekomm\w*|krieg\w*)|zu kaufen|"
                r"erhaeltlich|verkaufsstelle\w*|haendler\w*|onlineshop|online shop|"
                r"(?:verkauf\w*|kauf\w*|bestell\w*|bekomm\w*) (?:\w+ ){0,4}online|"
                r"where (?:can|do) (?:i|you|we) buy)\b"),
     "zu Verkaufsstellen", "on where our products are sold"),
    # "Wie viele Mitarbeiter haben Sie?", "Sind Sie ein Familienunternehmen?", "Wem gehört
    # Sonnhof?": facts about the company itself
    (re.compile(r"\b(?:wie viele (?:mitarbeiter\w*|angestellte\w*|leute|beschaeftigte\w*) "
                r"(?:haben|hat|habt|arbeiten|beschaeftig\w*)|familienunternehmen|familienbetrieb|"
                r"wem gehoert|gehoert (?:\w+ ){0,3}zu (?:einem|welchem) (?:\w+ )?konzern|"
                r"konzern\w*|geschaeftsfuehr\w*|firmengeschichte|gegruendet|umsatz\w*|"
                r"seit wann gibt es (?:\w+ )?(?:firma|unternehmen|sonnhof|euch|sie)|"
                r"how many (?:employees|people work)|family (?:business|company))\b"),
     "zum Unternehmen", "on the company"),
    (_BUSINESS, "zu Großhandel und Kooperationen", "on wholesale and partnerships"),
    (_PRIVACY, "zum Datenschutz", "on data protection"),
    (re.compile(r"\b(?:spende\w*|spenden|sponsor\w*|kooperation\w*|lieferant\w*|"
                r"zusammenarbeit|donation\w*|partnership\w*|supplier\w*)\b"),
     "zu Sponsoring und Kooperationen", "on sponsoring and partnerships"),
)  # fmt: skip


def business_enquiry(tenant: TenantView, text: str, intent: Intent) -> bool:
    """A business asks to buy for resale or to work with the company ("… Hafermilch im
    Großhandel beziehen" was a complaint: batch asked, quality team at high priority; "ich bin
    Influencerin, würde gern kooperieren" was thanked as praise): no concern of the hotline,
    nothing wrong reported."""
    if not tenant.language.startswith(("de", "en")) or _BUSINESS.search(fold(text)) is None:
        return False
    spec = tenant.intents.get(intent.name or "")
    if spec is not None and spec.action == "selfservice" and "product" in needs_of(spec):
        return False  # "Ich betreibe ein Café: ist die Hafermilch vegan?" asks about it
    return not (reports_problem(text) or reports_harm(text) or asks_for_agent(text))


def company_topic(text: str, language: str = "de") -> str | None:
    """What the words ask about the company ("zu Stellenangeboten und Bewerbungen"), in the
    tenant's language; None when they ask nothing of the kind."""
    folded = fold(text)
    german = language.startswith("de")
    for pattern, de, en in _TOPICS:
        if pattern.search(folded):
            return de if german else en
    return None


def tell_no_company_info(
    tenant: TenantView,
    state: CallState,
    reply: BotReply,
    text: str,
    before: list[str] | None = None,
) -> bool:
    """ "Suchen Sie noch Leute für die Produktion?" with no concern of the tenant's placed
    and no product named: "Auskünfte zu Stellenangeboten … kann ich Ihnen hier leider nicht
    geben. Möchten Sie mit einem Mitarbeiter sprechen?", the topic kept for the agent (after
    `before`: thanks for praise said with it); False when the words ask nothing about the
    company."""
    topic = company_topic(text, tenant.language)
    business = _BUSINESS.search(fold(text)) is not None
    if topic is None or (tenant.product_in(text) and not business):
        return False
    agent = tenant.agent_intent()
    if agent is not None:
        set_intent(state, agent, 1.0, None)
    asked = "Frage" if tenant.language.startswith("de") else "question"
    state.topic, state.answered = f"{asked} {topic}", True
    told = tenant.prompts.say("no_company_info", about=topic)
    reply.ask([*(before or []), told, tenant.prompts.say("offer_agent")], "offer_agent", "yesno")
    return True
