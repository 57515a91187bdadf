"""Concerns of a contract hotline that no intent of the tenant names, read by their class: a
SIM card locked, lost or broken, a number to be ported, a credit note, a technician's visit, a
promised call back that never came, a contract to be extended, a question when the contract
ends, a new resident who wants a line. The classifier reads them as nothing sure or as a near
intent in the wrong words ("ich will meinen Vertrag verlängern": a cancellation, "der Techniker
ist nicht gekommen": a complaint, "mir wurde eine Gutschrift versprochen": a complaint); a call
centre wants them routed to the team that does it and named for the agent as the caller said.

Each class names its team by a sentence the tenant's own NLU reads as that team's concern (its
kin): no code per tenant, and a tenant without such an intent hands the class to its default
queue under the same name. German contract hotlines only (a tenant with a customer directory)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from voicebot.dialog.intent_choice import is_new_concern, set_intent
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import AGENT_INTENTS, IntentView, TenantView
from voicebot.dialog.turn_clauses import loose_clauses
from voicebot.dialog.words import fold
from voicebot.events import Intent

_CANCEL = "ich möchte meinen Vertrag kündigen"
_COMPLAIN = "ich möchte mich beschweren"
_NEW = "ich möchte einen neuen Vertrag abschließen"
_FAULT = "mein Internet geht nicht"
_BILL = "ich habe eine Frage zu meiner Rechnung"
_TARIFF = "ich möchte meinen Tarif wechseln"
_MOVE = "ich ziehe um und möchte meinen Anschluss mitnehmen"
_DETAILS = "ich möchte meine Bankverbindung ändern"
_HOURS = "wann haben Sie geöffnet"
_RESTART = "wie starte ich meinen Router neu"


@dataclass(frozen=True)
class ConcernClass:
    """One class of concern: its name for the agent, the team's kin sentence (None: the
    tenant's default queue), the readings it corrects, whether the kin's answer is kept."""

    label: str
    kin: str | None
    corrects: tuple[str, ...] = ()
    keeps_answer: bool = False
    replaces: bool = False  # named so even when the reading is the kin ("Vertrag kündigen" is
    # no name for "wann endet mein Vertrag")
    priority: str | None = None
    keeps: tuple[str, ...] = ()  # sure readings kept, named with the class ("der Techniker ist
    # nie gekommen" read surely as a complaint: the complaints team, told what happened)


_SIM = r"(?:sim|e sim|esim|simkarte|sim karte|handykarte)"
_SIM_LOST = re.compile(
    rf"\b(?:{_SIM}|handy|smartphone|mobiltelefon|iphone)\b(?:\s+\S+){{0,8}}?\s+(?:verloren|"
    r"gestohlen|geklaut|abhanden|weg gekommen|weggekommen)\b|\b(?:verloren|gestohlen|geklaut)\w*"
    rf"(?:\s+\S+){{0,4}}?\s+{_SIM}\b"
)
_SIM_LOCKED = re.compile(
    rf"\bpuk\b|\b{_SIM}\b(?:\s+\S+){{0,8}}?\s+(?:gesperrt|blockiert|sperrt)|\b(?:pin|puk)\b"
    rf"(?:\s+\S+){{0,8}}?\s+{_SIM}\b|\b{_SIM}\b(?:\s+\S+){{0,6}}?\s+(?:pin|puk)\b|"
    r"\b(?:handy|telefon)\b(?:\s+\S+){0,4}?\s+(?:pin|puk)\b"
)
_SIM_BROKEN = re.compile(
    rf"\b(?:neue|ersatz|andere)\w*\s+{_SIM}|\bersatzsim\w*|\b{_SIM}\b(?:\s+\S+){{0,6}}?\s+(?:"
    r"kaputt|defekt|passt nicht|zu gross|zu klein|gebrochen|wird nicht erkannt|geht nicht|"
    r"funktioniert nicht|tauschen|wechseln)"
)
_SIM_SALE = re.compile(
    r"\b(?:zweite|zusaetzliche|weitere|partner\w*|multi\w*|zweit\w*)\s+"
    rf"(?:\w+\s+)?{_SIM}"
)  # fmt: skip  ("eine zweite SIM für meine Frau")
_PORTING = re.compile(
    r"\brufnummer\w*mitnahme|\bportier\w*|\b(?:rufnummer|handynummer|telefonnummer|festnetz"
    r"nummer|nummer)\b(?:\s+\S+){0,6}?\s+(?:mitnehmen|mit nehmen|behalten|mitbringen|"
    r"uebernehmen|uebertragen|mitgenommen|uebernommen)"
)
_PORT_OUT = re.compile(
    r"\bkuendig\w*|\bzu (?:einem |nem )?(?:anderen|neuen) anbieter|\bwechsle zu (?!ihnen|euch)"
    r"|\bweg von (?:ihnen|euch)"
)
_CREDIT = re.compile(
    r"\bgutschrift\w*|\bgeld zurueck|\brueckerstatt\w*|\berstattung\w*|\bzurueckerstatt\w*|"
    r"\bentschaedigung\w*|\berstatten\b"
)
_TECH = r"\b(?:techniker\w*|monteur\w*|servicetechniker\w*)\b"
_TECH_NO_SHOW = re.compile(
    rf"{_TECH}(?:\s+\S+){{0,8}}?\s+(?:(?:ist|war|kam) (?:\w+ ){{0,3}}nicht|nicht (?:ge)?kommen|"
    r"nicht erschienen|nie gekommen|nie da|nicht da gewesen)|"
    rf"(?:umsonst|vergeblich|den ganzen tag) (?:\w+ ){{0,3}}gewartet(?:\s+\S+){{0,6}}?\s+{_TECH}|"
    rf"\bkein(?:er)? {_TECH}(?:\s+\S+){{0,3}}?\s+(?:gekommen|erschienen|da)|"
    rf"{_TECH}(?:\s+\S+){{0,10}}?\s+(?:keiner|niemand) (?:war|ist|kam) (?:da|gekommen)"
)
_TECH_MOVE = re.compile(rf"(?:{_TECH}|\btermin\w*)(?:\s+\S+){{0,10}}?\s+(?:verschieben|"
                        r"verlegen|absagen|umlegen|stornieren)|\banderen termin")  # fmt: skip
_TECH_WHEN = re.compile(
    rf"\b(?:wann|ob)\b(?:\s+\S+){{0,6}}?\s+(?:kommt|kommen|vorbeikommt|da ist)\b(?:\s+\S+){{0,3}}?"
    rf"\s+{_TECH}|\b(?:wann|ob)\s+(?:\w+\s+){{0,2}}{_TECH}(?:\s+\S+){{0,4}}?\s+(?:kommt|kommen|"
    r"vorbeikommt|da ist)\b"
)
_TECH_WANTED = re.compile(
    rf"{_TECH}(?:\s+\S+){{0,6}}?\s+(?:vorbei|schicken|kommen lassen|termin)|"
    rf"\btermin\w* (?:\w+ ){{0,4}}{_TECH}|\btechnikertermin\w*"
)
_NO_CALL_BACK = re.compile(
    r"\b(?:(?:wollte|wollten|sollte|sollten|wuerde|wuerden|hat|haben|hatte|hatten|wurde|"
    r"versprochen|zugesagt|angekuendigt)\b(?:\s+\S+){0,5}?\s+(?:zurueckrufen|zurueck rufen|"
    r"rueckruf\w*|melden)|\brueckruf\w*\s+(?:\w+\s+){0,3}(?:versprochen|zugesagt|angekuendigt))"
    r"(?:\s+\S+){0,10}?\s+(?:nicht|nie|keiner|keine|niemand|bis heute|immer noch|noch immer)\b|"
    r"\b(?:warte|warten)\b(?:\s+\S+){0,5}?\s+auf (?:einen |den |ihren )?rueckruf"
)
_EXTEND = re.compile(
    r"\b(?:vertrag\w*|tarif\w*)\b(?:\s+\S+){0,4}?\s+verlaengern|\bvertragsverlaengerung|"
    r"\bverlaengerung (?:\w+ ){0,2}(?:vertrag|tarif)|"
    r"\bvertrag\w* (?:\w+ ){0,3}laeuft (?:\w+ ){0,2}(?:bald|demnaechst|naechsten monat) aus"
    r"(?:\s+\S+){0,8}?\s+(?:anbieten|angebot\w*|weiter|verlaengern)"
)
_NOT_EXTEND = re.compile(
    r"\b(?:nicht|kein\w*|nie|niemals)\b(?:\s+\S+){0,3}?\s+verlaenger|\bverlaengert\b|\bkuendig"
)
_CONTRACT_END = re.compile(
    r"\b(?:wann|bis wann)\b(?:\s+\S+){0,4}?\s+(?:endet|enden|auslaeuft|ablaeuft|zu ende|aus\b|"
    r"gebunden)|\bwie lange\b(?:\s+\S+){0,4}?\s+(?:laeuft|geht|gebunden|dauert|hab ich)|"
    r"\bvertragsende|\b(?:rest|mindest)?laufzeit|\bbis wann (?:\w+ ){0,3}(?:laeuft|geht)"
)
_CONTRACT = re.compile(r"\b(?:vertrag\w*|laufzeit|vertragsende|gebunden)\b")
# A cancellation named ("was kostet eine Kündigung vor Vertragsende"), not denied ("nicht
# kündigen, nur wissen")
_CANCEL_SAID = re.compile(r"(?<!nicht )(?<!keine )(?<!kein )\bkuendig")
_NEW_HERE = re.compile(
    r"\b(?:neu (?:hier )?(?:her|hin|ein)?gezogen|gerade (?:\w+ )?(?:eingezogen|hergezogen)|"
    r"zugezogen|neu in \w+|erste eigene wohnung)\b"
)
_OWN_LINE = re.compile(r"\b(?:mein\w*|unser\w*) (?:\w+ )?(?:anschluss|vertrag|internet)\b"
                       r"(?:\s+\S+){0,4}?\s+mit|\bmitnehmen|\bumzug|\bkundennummer")  # fmt: skip
_WANTS_LINE = re.compile(r"\b(?:internet|anschluss|dsl|glasfaser|festnetz|wlan|vertrag|tarif)")
_SERVICE = r"(?:internet|telefon\w*|fernseh\w*|tv|wlan|dsl|netz|leitung|festnetz|empfang)"
_FAULT_WHEN = re.compile(  # "wann geht das Internet wieder", "wann ist mein Fernsehen wieder da"
    rf"\b(?:wann|bis wann)\b(?:\s+\S+){{0,5}}?\s+{_SERVICE}\b(?:\s+\S+){{0,3}}?\s+wieder\b|"
    rf"\b(?:wann|bis wann)\b(?:\s+\S+){{0,3}}?\s+wieder\b(?:\s+\S+){{0,3}}?\s+{_SERVICE}\b"
)
_DEVICE_BROKEN = re.compile(  # "mein Router ist kaputt, ich brauche einen neuen"
    r"\b(?:router\w*|modem|receiver|fritz ?box|tv box|set ?top ?box|mediabox)\b(?:\s+\S+){0,4}?"
    r"\s+(?:kaputt|defekt|hinueber|durchgebrannt|gestorben|tot|ersetzt|getauscht|austauschen)\b"
)
_TAKE_OVER = re.compile(  # "den Vertrag auf mich umschreiben lassen", "Vertrag übernehmen"
    r"\b(?:vertrag|anschluss|vertraege|rufnummer)\b(?:\s+\S+){0,5}?\s+auf (?:mich|meinen namen|"
    r"uns|seinen namen|ihren namen)\s+(?:\w+\s+)?(?:umschreiben|uebertragen|umstellen|umschreiben "
    r"lassen|laufen lassen)|\b(?:vertrag|anschluss)\w*\s+(?:\w+\s+){0,3}uebernehmen\b|"
    r"\bvertragsuebernahme\b"
)
_PAYMENT_PLAN = re.compile(  # "kann ich das in Raten zahlen", "ich bräuchte eine Stundung"
    r"\bratenzahlung\w*|\bin (?:\w+ )?raten\b|\bteilzahlung\w*|\bstundung\w*|"
    r"\bzahlungsaufschub|\bzahlungsziel|\bspaeter (?:\w+ ){0,2}(?:zahlen|bezahlen|ueberweisen)\b"
)
_DUNNING = re.compile(  # "ich habe eine Mahnung bekommen", "Post von einem Inkassobüro"
    r"\bmahnung\w*|\bmahngebuehr\w*|\bgemahnt\b|\bzahlungserinnerung\w*|\binkasso\w*"
)
_ROUTER_INFO = re.compile(  # "welches Router-Modell habe ich", "WLAN-Passwort vergessen"
    r"\b(?:wlan|wifi|wlan ?netz|netzwerk)\s*(?:passwort|kennwort|schluessel|key|code|name)\w*|"
    r"\bwlanpasswort\w*|\b(?:passwort|kennwort|schluessel)\w* (?:\w+ ){0,3}(?:wlan|wifi|router)|"
    r"\brouter ?modell\w*|\bmodell (?:\w+ ){0,3}router|\b(?:welche[nrs]?|was fuer (?:ein|einen)) "
    r"(?:\w+ ){0,2}router\b|\b(?:router|fritz ?box|modem|receiver)\b(?:\s+\S+){0,8}?\s+(?:"
    r"anschliess\w*|angeschlossen|schliess\w* (?:\w+ ){0,3}an\b|einricht\w*|eingerichtet|"
    r"richt\w* (?:\w+ ){0,3}ein\b|"
    r"installier\w*)"
)  # (… and how to set up a new one: "die neue Fritzbox ist da, wie schließe ich die an")
_SIM_ACTIVATE = re.compile(  # "ich möchte meine SIM-Karte aktivieren"
    rf"\b{_SIM}\b(?:\s+\S+){{0,5}}?\s+(?:aktivier\w*|freischalt\w*|freigeschaltet|"
    r"entsperr\w*)"
)
_CONTACT = re.compile(  # "ich habe eine neue Handynummer und möchte die bei Ihnen hinterlegen"
    r"\b(?:handynummer|telefonnummer|mobilnummer|rufnummer|e ?mail\w*|mailadresse)\b(?:\s+\S+)"
    r"{0,6}?\s+(?:hinterlegen|hinterlegt|eintragen|aktualisieren|aendern|mitteilen|angeben|"
    r"durchgeben)\b"
)
_NOT_NEEDED = re.compile(  # "ich ziehe ins Altersheim und brauche dann kein Internet mehr"
    r"\bbrauch\w* (?:\w+ ){0,3}(?:kein\w*|nicht) (?:\w+ ){0,2}(?:internet|telefon\w*|anschluss|"
    r"vertrag|handy\w*|festnetz|fernseh\w*|tv|dsl|mobilfunk|sim\w*) (?:\w+ ){0,2}mehr\b"
)
# ("ich will kein Internet mehr von Ihnen, ich gehe zur Telekom": the fault the classifier read)
_NOT_WANTED = re.compile(
    r"\b(?:will|moechte|moechten|wollen) (?:\w+ ){0,2}(?:kein\w*) (?:\w+ ){0,2}(?:internet|"
    r"telefon\w*|anschluss|vertrag|handy\w*|festnetz|fernseh\w*|tv|dsl|mobilfunk) (?:\w+ ){0,2}"
    r"mehr\b"
)
_ONLY_STILL = re.compile(  # "… kein Internet mehr, nur noch Telefon": a smaller tariff
    r"\bnur (?:noch|mehr) (?:\w+ ){0,2}(?:internet|telefon\w*|festnetz|fernseh\w*|tv|dsl|"
    r"handy\w*|mobilfunk)\b"
)
_NUMBER_CHANGE = re.compile(  # "ich brauche eine neue Handynummer, weil ich belästigt werde"
    r"\b(?:brauch\w*|moechte|will|wollen|haette gern\w*|wuensche|wuerde gern\w*) (?:\w+ ){0,3}"
    r"(?:neue|andere)n? (?:handy|telefon|ruf|mobil|festnetz)?nummer\b|\brufnummernwechsel\b|"
    r"\b(?:handy|telefon|ruf|mobil|festnetz)?nummer (?:\w+ ){0,2}(?:wechseln|aendern lassen)\b"
)
_DEVICE_RETURN = re.compile(  # "ich möchte meinen Router zurückschicken"
    r"\b(?:router\w*|modem|receiver|fritz ?box|tv box|set ?top ?box|mediabox|geraet\w*|"
    r"hardware)\b(?:\s+\S+){0,5}?\s+(?:zurueck ?schicken|zurueck ?senden|zurueck ?geben|"
    r"zurueck ?bringen|einschicken|retournieren|zurueckgeschickt|zurueckgesendet)\b|"
    r"\b(?:ruecksendung|retoure)\w* (?:\w+ ){0,3}(?:router|modem|receiver|fritz ?box|geraet\w*)"
)
_CANCEL_CONFIRM = re.compile(  # "ich habe gekündigt, aber noch keine Bestätigung bekommen"
    r"\bkuendigungsbestaetigung\w*|\bbestaetigung\w* (?:\w+ ){0,2}(?:der |meiner |fuer die |fuer "
    r"meine |zur )kuendigung\b|\bgekuendigt\b(?:\s+\S+){0,8}?\s+(?:keine|nie|nicht)\b(?:\s+\S+)"
    r"{0,3}?\s+(?:bestaetigung|antwort|rueckmeldung)\w*"
)
_COMPLAINS = re.compile(r"\bbeschwer\w*")

_CLASSES = {
    "sim_lost": ConcernClass("SIM-Karte verloren oder gestohlen: bitte sperren", None,
                             (_FAULT, _NEW, _COMPLAIN, _DETAILS), priority="high"),
    "sim_locked": ConcernClass("SIM-Karte gesperrt, PIN oder PUK", None, (_FAULT, _NEW)),
    "sim_broken": ConcernClass("Ersatz-SIM-Karte", None, (_FAULT, _NEW, _TARIFF)),
    "port_in": ConcernClass("Rufnummernmitnahme zu uns (Neukunde)", _NEW,
                            (_MOVE, _DETAILS, _TARIFF), replaces=True),
    "port_out": ConcernClass("Rufnummernmitnahme zu einem anderen Anbieter", _CANCEL,
                             (_MOVE, _DETAILS, _NEW)),
    "credit": ConcernClass("Gutschrift oder Erstattung", _BILL, (_COMPLAIN, _FAULT, _RESTART)),
    "tech_no_show": ConcernClass("Techniker-Termin: Techniker nicht gekommen", _FAULT,
                                 (_NEW, _HOURS), keeps=(_COMPLAIN,)),
    "tech_move": ConcernClass("Techniker-Termin verschieben oder absagen", _FAULT,
                              (_COMPLAIN, _NEW, _HOURS, _CANCEL)),
    "tech_when": ConcernClass("Frage zum Techniker-Termin", _FAULT, (_COMPLAIN, _NEW, _HOURS)),
    "tech_wanted": ConcernClass("Techniker-Termin gewünscht", _FAULT, (_COMPLAIN, _NEW, _HOURS)),
    "fault_when": ConcernClass("Frage, wann die Störung behoben ist", _FAULT, (_HOURS,),
                               keeps_answer=True, replaces=True),
    "device_broken": ConcernClass("Gerät defekt: Router oder Receiver", _FAULT,
                                  (_RESTART, _NEW, _TARIFF)),
    "payment_plan": ConcernClass("Ratenzahlung oder Stundung gewünscht", _BILL,
                                 (_NEW, _FAULT, _TARIFF, _DETAILS, _CANCEL), keeps_answer=True),
    "dunning": ConcernClass("Mahnung oder Inkasso", _BILL, (_NEW, _FAULT, _TARIFF, _DETAILS,
                            _COMPLAIN), keeps_answer=True),
    "router_info": ConcernClass("Frage zu Router oder WLAN (Einrichtung, Modell, Passwort)", _FAULT,
                                (_RESTART, _DETAILS, _NEW, _TARIFF)),
    "sim_activate": ConcernClass("SIM-Karte aktivieren oder freischalten", None,
                                 (_FAULT, _NEW, _DETAILS)),
    "contact": ConcernClass("Kontaktdaten ändern (Telefonnummer oder E-Mail)", _DETAILS,
                            (_NEW, _TARIFF, _MOVE), replaces=True),
    "not_needed": ConcernClass("Kündigung: Anschluss wird nicht mehr gebraucht", _CANCEL,
                               (_MOVE, _TARIFF, _DETAILS, _FAULT), keeps_answer=True,
                               replaces=True),
    "tariff_down": ConcernClass("Tarifwechsel: nur noch ein Teil der Leistungen", _TARIFF,
                                (_FAULT, _NEW, _CANCEL, _MOVE, _DETAILS), replaces=True),
    "number_change": ConcernClass("Neue Rufnummer gewünscht (Rufnummernwechsel)", _DETAILS,
                                  (_NEW, _TARIFF, _MOVE, _COMPLAIN, _FAULT), replaces=True),
    "device_return": ConcernClass("Rücksendung eines Geräts (Router oder Receiver)", _DETAILS,
                                  (_RESTART, _NEW, _TARIFF, _CANCEL, _FAULT, _MOVE),
                                  replaces=True),
    "cancel_confirm": ConcernClass("Kündigungsbestätigung gewünscht oder nicht erhalten",
                                   _CANCEL, (_BILL, _NEW, _DETAILS, _TARIFF, _FAULT),
                                   keeps_answer=True, replaces=True),
    "take_over": ConcernClass("Vertragsübernahme (auf einen anderen Namen)", _DETAILS,
                              (_CANCEL, _NEW)),
    "no_call_back": ConcernClass("Zugesagter Rückruf nicht erfolgt", _COMPLAIN),
    "extend": ConcernClass("Vertragsverlängerung", _TARIFF, (_CANCEL,)),
    "contract_end": ConcernClass("Frage zum Vertragsende", _CANCEL, keeps_answer=True,
                                 replaces=True),
    "new_here": ConcernClass("Neuer Anschluss nach Zuzug (Neukunde)", _NEW, (_MOVE,),
                             replaces=True),
}  # fmt: skip


# Classes their words alone name, in the order they are tried (after the SIM and porting ones)
_NAMED_BY_WORDS = (
    ("tech_no_show", _TECH_NO_SHOW), ("tech_move", _TECH_MOVE), ("tech_when", _TECH_WHEN),
    ("tech_wanted", _TECH_WANTED), ("take_over", _TAKE_OVER), ("device_broken", _DEVICE_BROKEN),
    ("credit", _CREDIT), ("device_return", _DEVICE_RETURN), ("payment_plan", _PAYMENT_PLAN),
    ("dunning", _DUNNING),
    ("router_info", _ROUTER_INFO),
)  # fmt: skip


def _class_of(said: str) -> str | None:
    """The class the folded words name, the most specific first; None for none."""
    if _SIM_LOST.search(said):
        return "sim_lost"
    if _SIM_LOCKED.search(said):
        return "sim_locked"
    if _SIM_BROKEN.search(said) and not _SIM_SALE.search(said):
        return "sim_broken"
    if _SIM_ACTIVATE.search(said):
        return "sim_activate"
    if _PORTING.search(said) and not re.search(r"\bumzieh|\bumzug|\bziehe\b|\bumgezogen", said):
        return "port_out" if _PORT_OUT.search(said) else "port_in"
    for name, pattern in _NAMED_BY_WORDS:
        if pattern.search(said):
            return name
    if _CANCEL_CONFIRM.search(said):
        return "cancel_confirm"
    if _CONTACT.search(said) and not _PORTING.search(said):
        return "contact"
    if (_NOT_NEEDED.search(said) or _NOT_WANTED.search(said)) and _ONLY_STILL.search(said):
        return "tariff_down"  # ("… kein Internet mehr, nur noch Telefon": a smaller tariff)
    if (_NOT_NEEDED.search(said) or _NOT_WANTED.search(said)) and "nur noch" not in said:
        return "not_needed"
    if _NUMBER_CHANGE.search(said) and not _PORTING.search(said):
        return "number_change"
    if _FAULT_WHEN.search(said) and not re.search(r"\bwieder (?:\w+ )?(?:nicht|aus)\b", said):
        return "fault_when"
    if _NO_CALL_BACK.search(said):
        return "no_call_back"
    if _EXTEND.search(said) and not _NOT_EXTEND.search(said):
        return "extend"
    if _CONTRACT_END.search(said) and _CONTRACT.search(said) and not _CANCEL_SAID.search(said):
        return "contract_end"
    if _NEW_HERE.search(said) and _WANTS_LINE.search(said) and not _OWN_LINE.search(said):
        return "new_here"
    return None


_ALL = (_SIM_LOST, _SIM_LOCKED, _SIM_BROKEN, _PORTING, _TECH_NO_SHOW, _TECH_MOVE, _TECH_WHEN,
        _TECH_WANTED, _TAKE_OVER, _DEVICE_BROKEN, _CREDIT, _FAULT_WHEN, _NO_CALL_BACK, _EXTEND,
        _CONTRACT_END, _NEW_HERE, _PAYMENT_PLAN, _DUNNING, _ROUTER_INFO,
        _SIM_ACTIVATE, _CONTACT, _NOT_NEEDED, _NOT_WANTED, _ONLY_STILL, _NUMBER_CHANGE,
        _DEVICE_RETURN, _CANCEL_CONFIRM)  # fmt: skip


def _clauses_besides_the_class(text: str) -> list[str]:
    """The clauses of the turn (as said, of two words or more) that are not mostly words
    naming a class ("es hat sich keiner gemeldet" is part of a call back that never came; "ich
    kündige jetzt" beside a technician who never came is not)."""
    said = fold(text)
    covered = [False] * len(said)
    for pattern in _ALL:
        for found in pattern.finditer(said):
            covered[found.start() : found.end()] = [True] * (found.end() - found.start())
    kept = []
    for clause in (c for c in loose_clauses(text) if len(c.split()) >= 2):
        folded = fold(clause)
        at = said.find(folded)
        inside = sum(covered[at : at + len(folded)]) if at >= 0 else 0
        if inside * 2 < len(folded):
            kept.append(clause)
    return kept


@dataclass(frozen=True)
class ClassRead:
    """A turn read by its class: the intent event to go on with and the view the call serves."""

    event: Intent
    view: IntentView

    def names(self, tenant: TenantView, said: str, part: Intent) -> bool:
        """Whether a sentence of the turn says this same class (no second concern: "Ich möchte
        meinen Vertrag verlängern. Gibt es da ein Angebot?" is one extension, not a
        cancellation besides it)."""
        again = concern_class(tenant, said, part)
        return again is not None and again.view.confirm == self.view.confirm

    def take(self, state: CallState) -> bool:
        """Makes the class the call's concern (also for the default queue's agent intent, which
        take_intent leaves to a request for a person)."""
        set_intent(state, self.view, self.event.confidence, self.event)
        return True


def concern_class(tenant: TenantView, text: str, intent: Intent) -> ClassRead | None:
    """The turn's concern read by its class, when it names one and the classifier read nothing
    sure or a reading the class corrects; None otherwise (other tenants, no class named, a
    sure concern of another kind, a complaint said as one)."""
    if not tenant.identifies or not tenant.language.startswith("de"):
        return None
    said = fold(text)
    name = _class_of(said)
    if name is None:
        return None
    klass = _CLASSES[name]
    kin = _reading(tenant, klass.kin) if klass.kin else None
    sure = is_new_concern(tenant, intent)
    corrected = {_reading(tenant, c) for c in klass.corrects} - {None}
    cancel_said = _CANCEL_SAID.search(said) or re.search(r"\bvertrag", said)
    if name.startswith("tech") and cancel_said:  # ("meinen Termin absagen"
        corrected.discard(_reading(tenant, _CANCEL))  # is no cancellation; "den Vertrag
        # kündigen und den Termin absagen" is)
    kept = {_reading(tenant, k) for k in klass.keeps} - {None}
    if sure and intent.name in kept:
        kin = intent.name  # (its team, the class named beside it)
    others = {intent.name} if sure else _said_in_clauses(tenant, text)
    if others - {kin} - corrected - kept:
        return None  # "ich kündige jetzt, weil der Techniker nie kam": the cancellation
    if _COMPLAINS.search(said) and intent.name == _reading(tenant, _COMPLAIN) and sure:
        return None  # "ich will mich beschweren, der Techniker kam nicht": a complaint
    view = _view(tenant, klass, kin, intent.name if sure else None)
    if view is None:
        return None
    event = replace(intent, name=view.id, confidence=max(intent.confidence, 1.0))
    return ClassRead(event, view)


def _view(
    tenant: TenantView, klass: ConcernClass, kin: str | None, read: str | None
) -> IntentView | None:
    """The intent the class is served as: its kin's team under the class's name (the kin's
    own name kept first when the caller's words were read as it), or the default queue's."""
    spec = tenant.intents.get(kin) if kin else tenant.agent_intent()
    if spec is None:
        return None
    label = klass.label
    if read == spec.id and not klass.replaces:  # "mein Internet geht nicht und der Techniker
        label = f"{spec.description} ({klass.label})"  # kam nicht": both for the agent
    needs = spec.needs if kin else (("customer_number",) if tenant.identifies else ())
    queue = spec.queue if kin else tenant.default_queue
    return replace(
        spec,
        description=label,
        action="handoff",
        queue=queue,
        priority=klass.priority or spec.priority,
        needs=tuple(needs),
        answer=spec.answer if klass.keeps_answer or _fault_said(klass, read, spec) else None,
        confirm=klass.label,
    )


def _fault_said(klass: ConcernClass, read: str | None, spec: IntentView) -> bool:
    """The caller's words were read surely as the fault the class belongs to ("mein Sohn hat
    den Router eingerichtet, aber jetzt geht das Fernsehen nicht"): a known outage is told."""
    return klass.kin == _FAULT and read == spec.id


def _said_in_clauses(tenant: TenantView, text: str) -> set[str | None]:
    """The concerns clauses of an unsure turn say surely ("ich kündige jetzt" in "ich kündige
    jetzt weil der Techniker nie gekommen ist"), the agents' intent left out."""
    said = {_reading(tenant, clause) for clause in _clauses_besides_the_class(text)} - {None}
    return {name for name in said if name not in AGENT_INTENTS}


def _reading(tenant: TenantView, sentence: str) -> str | None:
    """The intent the tenant's NLU is sure a sentence names (None: none)."""
    like = Intent(call_id="", at_ms=0, name=None, confidence=0.0)
    found = tenant.classify(sentence, like)  # (a few ms; only for a turn that names a class)
    return found.name if is_new_concern(tenant, found) else None
