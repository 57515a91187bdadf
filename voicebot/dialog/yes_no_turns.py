"""The caller's answer to a yes/no question: confirming a likely concern ("Geht es um …?"),
the agent offer ("Möchten Sie mit einem Mitarbeiter sprechen?") and "Kann ich sonst noch helfen?".

A yes or a no decides, but callers often say more or something else instead: a concern of its
own, the slot the concern needs, a product, a closing phrase with a remark, a follow-up to the
answer, a question about it. `YesNoTurns` is the part of InboundDialog (dialog/engine.py) that
reads such a turn; it uses the dialog's state, replies and concern handling.
"""

from __future__ import annotations

from voicebot.dialog import caller_input
from voicebot.dialog.agent_requests import asks_for_technician
from voicebot.dialog.answer_followups import (
    after_more,
    answer_followup,
    asks_by_tag,
    same_concern_asked,
)
from voicebot.dialog.answering import needs_of
from voicebot.dialog.caller_circumstances import speaks_another_language
from voicebot.dialog.catalog_question import catalog_wide_answer
from voicebot.dialog.closing_words import (
    closes_call,
    has_more,
    needs_no_more,
    needs_nothing_more,
    not_helped,
    only_thanks,
    says_goodbye,
    thanks_in,
    without_closing,
)
from voicebot.dialog.concern_after_offer import take_new_concern
from voicebot.dialog.correction_words import (
    adds_concern,
    corrects,
    hedged_no,
    rejects_the_answer,
    replaces_concern,
    told_instead,
)
from voicebot.dialog.cut_turns import (
    continued_turn,
    corrected_word_of_guess,
    refined_after_half_yes,
)
from voicebot.dialog.dialog_parts import DialogParts
from voicebot.dialog.follow_up import read_follow_up
from voicebot.dialog.greeting_words import only_acknowledges
from voicebot.dialog.identify import identify, needs_identity
from voicebot.dialog.intent_choice import (
    concern_in_answer,
    confirmable,
    is_new_concern,
    merge_slots,
    note_also,
    reset_concern,
    set_aside,
    take_intent,
)
from voicebot.dialog.new_fault import fault_told_anew
from voicebot.dialog.number_talk import besides_no_number, has_no_number
from voicebot.dialog.payment_orders import routine_read_as_urgent
from voicebot.dialog.product_reading import praise_unsaid
from voicebot.dialog.product_replies import ask_about_product
from voicebot.dialog.question_words import (
    asks_back,
    asks_for_a_figure,
    asks_for_callback,
    follows_up,
    is_question,
)
from voicebot.dialog.recovery import no_match
from voicebot.dialog.repeat_or_wait import asks_to_hold, asks_to_wait
from voicebot.dialog.topic_words import names_allergen, names_only_the_topic
from voicebot.dialog.turn_clauses import clauses
from voicebot.dialog.unlisted_reading import unlisted_asked
from voicebot.dialog.words import (
    after_answer_words,
    confirms_the_one,
    digits_in,
    does_not_know,
    fold,
    starts_with_no,
    starts_with_yes,
    yes_or_no,
)
from voicebot.dialog.written_request import answer_in_writing
from voicebot.events import Intent
from voicebot.nlu.slots import flipped_yes

_WHY_ANSWERS = frozenset((
    "builtin:product_vegan", "builtin:product_palm_oil", "builtin:product_allergens",
))  # fmt: skip


class YesNoTurns(DialogParts):
    """The answers to the dialog's yes/no questions (mixed into InboundDialog)."""

    def _lacks_number(self, text: str) -> bool:
        """The caller, asked for no number now but not yet identified, says they have none:
        the call goes on without it."""
        if not needs_identity(self.tenant, self.state) or not has_no_number(text):
            return False
        if not {"nummer", "kundennummer", "number"} & set(fold(text).split()):
            return False
        self.state.unidentified = True
        return True

    def _on_yes_no(self, awaiting: str, text: str, intent: Intent, value: str | None) -> None:
        if self._number_corrected(text, value, intent):
            return
        if value is None and self._lacks_number(text):  # "ich hab keine Kundennummer" to
            text = besides_no_number(text)  # "Geht es um Ihre Rechnung?": on without it
            if not text:  # (it was read as a fault of the line, "kein Freizeichen")
                skipped = self.prompts.say("customer_skipped")
                self.reply.ask([skipped, self.state.last_prompt], awaiting, self.state.last_expect)
                return
            intent = self.tenant.classify(text, intent)
        unanswered = value is None and yes_or_no(text, self.tenant.language) is None
        if unanswered and speaks_another_language(
            self.tenant, self.state, self.reply, text, intent
        ):
            return  # "Entschuldigung, ich verstehe nicht, sprechen Sie Deutsch?" to "Is it
            # about …?": told in German and put through, not "Please answer yes or no"
        asked = text.split("?")[0].strip() + "?"  # "Und die Nougatcreme? Pfiat di.": the
        if "?" in text and says_goodbye(text) and asked.strip(" ?") and not closes_call(asked):
            text, intent = asked, self.tenant.classify(asked, intent)  # question, not the bye
        over_catalog = (
            catalog_wide_answer(self.tenant, text, self.state.last_answer)
            if awaiting == "anything_else" and value is None
            else None
        )
        if over_catalog is not None:  # "Laktosefrei sind …" - "und vegane?": over the catalog
            self.state.last_answer = over_catalog
            self.steps.anything_else([over_catalog])
            return
        if awaiting == "offer_agent" and self._asks_the_team(text, intent):
            self.reply.handoff_for_intent([], reason="intent")  # "Kann ich früher raus?" after
            return  # the contract end date: retention answers that
        if awaiting == "offer_agent" and asks_for_technician(text):
            self.reply.handoff_for_intent([], reason="intent")  # "Das ist mir egal, ich will
            return  # jetzt einen Techniker!": a person of the concern's team
        if awaiting == "offer_agent" and unanswered and asks_for_callback(text):  # "können Sie
            told = [self.prompts.say("no_callback"), self.prompts.say("offer_agent")]  # mich
            self.reply.ask(told, "offer_agent", "yesno")  # zurückrufen, wenn das wieder geht":
            return  # the bot cannot; a person now (it heard "Genauer kann ich es nicht sagen")
        if answer_in_writing(self.tenant, self.state, self.reply, text):
            return  # "kann ich das bitte noch schriftlich haben": a person can, offered
        if answer_followup(self.tenant, self.state, self.reply, text):
            return  # "ich hab doch schon überwiesen" to the balance: billing, noted
        if self._product_named(awaiting, text) or self._asks_about_answer(awaiting, text, intent):
            return
        if awaiting == "confirm_intent" and self._product_given_instead(text):
            return
        candidate = self.state.candidate
        if (
            awaiting == "confirm_intent"
            and candidate
            and names_only_the_topic(text, candidate.topic)
        ):
            self.state.unclear = 0  # "Is it about topping up by card?" - "by card": a yes
            self._confirmed(True)
            return
        hedged = hedged_no(text) if awaiting == "confirm_intent" and value is None else None
        if hedged is not None:  # "not exactly it was the cash machine": a no, and the concern
            self.state.unclear = 0  # told anew (it got "Sorry, I still did not understand")
            if not self._told_instead(hedged, intent):
                self._confirmed(False)
            return
        if awaiting == "anything_else" and self._same_about_more(text, early=True):
            return  # (short: read as the same question before it could be a concern)
        if awaiting == "anything_else" and self._why_of_a_product_answer(text):
            return
        heard = text  # "nein, dann warte ich bis heute Abend" is no opening-hours question;
        halves = awaiting == "confirm_intent" and value is None  # ("my card" - "Is it about a
        continued = continued_turn(self.tenant, self.state, text, intent) if halves else None
        if continued is None and halves:  # ("its about my card" - "… lost or stolen card?" -
            continued = refined_after_half_yes(self.tenant, self.state, text, intent)  # "yes
            # kind of, its been declined": the card's)
        if continued is None and awaiting == "confirm_intent":  # ("… lost or stolen card?" -
            continued = corrected_word_of_guess(self.tenant, self.state, text, intent)  # "no
            # its not lost, its been stolen": the card's, though the turn says no)
            guessed = self.state.candidate
            if continued is not None and guessed is not None and continued[1].name == guessed.id:
                self.state.unclear = 0  # the guess itself, only one word of it corrected
                self._confirmed(True)
                return
        if continued is not None:  # lost card?" - "was declined at the shop": read as one)
            heard, intent = continued
        if awaiting == "offer_agent" and needs_no_more(text):  # a clause besides the waiting
            heard = " ".join(c for c in clauses(text) if not needs_no_more(c))  # may bring a
        concern = concern_in_answer(self.tenant, heard, intent) if heard else None  # concern
        if concern is None and awaiting == "anything_else" and heard and value is None:
            asked = unlisted_asked(self.tenant, self.state.last_product, heard, intent)
            concern = asked if asked.name != intent.name else None  # "und ab welchem Alter
            # ist die?" after an answer: what no field says of the product talked about (no
            # intent placed it: "Bitte antworten Sie mit Ja oder Nein")
        # ("…, aber meine Rechnung ist auch falsch", "… Und ich möchte meinen Tarif wechseln")
        if concern is not None and (
            only_thanks(heard) or praise_unsaid(self.tenant, concern, heard)
        ):
            concern = None  # "Toll, danke schön!", "Alles klar, danke." to "anything else?" are
            # thanks, no praise to thank for
        if concern is not None and self._new_concern(awaiting, concern, text):
            return
        urgent_only = awaiting == "anything_else"  # ("…, I'll wait for the card then": ends)
        closing = closes_call(text)
        asked = awaiting in ("confirm_intent", "anything_else")
        if closing and asked and self._closing_then_concern(text, intent, urgent_only):
            return
        the_one = awaiting == "confirm_intent" and confirms_the_one(text)  # "yes, that's it"
        thanked = only_thanks(text) or needs_nothing_more(text)  # ("danke" to "Geht es um …?"
        served = awaiting == "confirm_intent" and self.state.answered  # after an answer: done)
        if (closing and not the_one) or (thanked and (awaiting == "anything_else" or served)):
            self.reply.end([self.prompts.say("goodbye")], reason="bot")  # "nein danke, das war
            return  # alles" to any yes/no question; "danke schön" to "anything else?"
        holds = asks_to_hold(text) and len(text.split()) <= 6  # "hang on a sec" to any
        holds = holds and yes_or_no(text, self.tenant.language) is None  # yes/no question
        if holds or (awaiting == "anything_else" and asks_to_wait(text)):  # "hold on"
            self._wait()
            return
        if awaiting == "confirm_intent" and self._slot_given_instead(text, intent):
            return
        if awaiting == "confirm_intent" and needs_identity(self.tenant, self.state):
            number = caller_input.number_in(text, value, self.tenant)
            if number is not None:  # the customer number said instead (the greeting asked
                parts: list[str] = []  # for it): identified, then the same question again
                identify(self.tenant, self.state, number, parts)
                self._continue(parts)
                return
        answer = caller_input.yes_no_value(
            text, value, self.tenant.language, not self.state.heard_noisy, self.state.last_prompt
        )
        if the_one:
            answer = True
        if awaiting == "offer_agent" and value is None and needs_no_more(text):
            answer = False  # "ok danke", "passt schon, dann warte ich ab"
        german = self.tenant.language == "de"  # "Danke." to an offer declines it in German
        if awaiting == "offer_agent" and value is None and german and only_thanks(text):
            answer = False  # (English "thanks" may accept: asked again)
        if awaiting == "anything_else" and value is None and has_more(text):
            rest = after_more(text)  # "doch, noch eine Frage zur Rechnung: wann wird
            if rest and same_concern_asked(self.tenant, self.state, rest, intent):
                self._answer_once_more(rest)  # abgebucht": about the answer (it was lost)
                return
            reset_concern(self.state)  # "nein, ich hab noch eine Frage": asked for it
            self.reply.ask([self.prompts.say("ask_concern_again")], awaiting="concern")
            return
        missed = awaiting == "anything_else" and bool(self.state.last_answer)
        instead = told_instead(text) if missed and answer is not True else None
        if instead is not None and self._told_instead_of_answer(instead, intent):
            return  # "no not that, i was charged a fee for paying in euros" (was a goodbye)
        if missed and answer is not True and rejects_the_answer(text):
            self._answer_once_more(text)  # "no, that's not what I asked": sorry and a person,
            return  # not the goodbye a plain "no" gets
        helped_not = answer is not True and bool(self.state.last_answer) and not_helped(text)
        anew = fault_told_anew(text, self.state.last_answer)  # "und mein Telefon geht nicht":
        if helped_not and anew and is_new_concern(self.tenant, intent):  # a new concern
            helped_not = False
        if awaiting == "anything_else" and helped_not:  # "hab ich schon gemacht, hilft nicht":
            # a person offered, the concern kept
            self.state.not_helped = True  # (the agent is told)
            offer = [self.prompts.say("not_helped"), self.prompts.say("offer_agent")]
            self.reply.ask(offer, "offer_agent", "yesno")
            return
        concern = is_new_concern(self.tenant, intent) and not thanks_in(text)
        if awaiting == "anything_else" and answer is False and concern:
            answer = None  # "das Portal geht nicht": not done (taken as the next concern)
        if answer is None and awaiting == "anything_else" and self._same_about_more(text):
            return  # "und ungeöffnet?": the same question once more
        if answer is None:
            self._unclear_yes_no(awaiting, text, intent, value)
            return
        self.state.unclear = 0
        if awaiting == "confirm_intent" and not answer and self._told_instead(text, intent):
            return
        if awaiting == "confirm_intent":
            self._confirmed(answer)
        elif awaiting == "offer_agent":
            if answer:
                self.reply.handoff_for_intent([], reason="intent")
            else:
                self.steps.anything_else([])
        elif answer and (rest := after_answer_words(text)) and not self.tenant.is_nonsense(rest):
            reset_concern(self.state)  # "ok, and what about fees for cash abroad?": that is
            self.state.awaiting = "concern"  # the next concern (asked again if not understood)
            self._on_concern(rest, self.tenant.classify(rest, intent), None)
        elif answer:
            reset_concern(self.state)
            self.reply.ask([self.prompts.say("ask_concern_again")], awaiting="concern")
        else:
            self.reply.end([self.prompts.say("goodbye")], reason="bot")

    def _told_instead_of_answer(self, instead: str, intent: Intent) -> bool:
        """The concern said after setting the answer aside ("no not that, i was charged a fee
        …"), read as the next concern when the tenant places it at least as a guess; the same
        question asked more closely ("… what is it today, the actual number") is not: the
        answer's, as a rejection of the answer (below)."""
        other = self.tenant.classify(instead, intent)
        name = other.name or (other.alternatives[0][0] if other.alternatives else None)
        answered = self.state.intent
        if name is None or (answered is not None and name == answered.id):
            return False
        if self.tenant.is_nonsense(instead) or not confirmable(
            self.tenant, self.state, other, instead
        ):
            return False
        reset_concern(self.state)
        self.state.awaiting = "concern"
        self._on_concern(instead, other, None)
        return True

    def _asks_the_team(self, text: str, intent: Intent) -> bool:
        """A question after the contract end date was told ("Und wie kündige ich dann?",
        "Verlängert der sich automatisch?"): for the team the bot offered (neither a yes nor a
        no, thanks or a closing, nor another concern: "Und wo finde ich meine Rechnungen?")."""
        spec = self.state.intent
        asked = is_question(text) or asks_by_tag(text)  # ("der ist doch schon abgelaufen, oder")
        if spec is None or spec.answer != "builtin:contract_end" or not asked:
            return False
        other = concern_in_answer(self.tenant, text, intent)
        if other is not None and other.name != spec.id:
            return False
        plain = yes_or_no(text, self.tenant.language) is not None
        return not (plain or closes_call(text) or needs_no_more(text) or only_thanks(text))

    def _asks_about_answer(self, awaiting: str, text: str, intent: Intent) -> bool:
        """A question about the answer just given ("wann ist das denn behoben?" after the
        outage, "und wann wird das abgebucht?" after the bill) that the bot cannot answer beyond
        it: sorry, the answer once more if it may hold what is asked, and a person offered;
        asked again, the person. A question in another concern's own words ("ist das auch
        vegan?") or naming something new ("und das Duschgel?") is that concern. The classifier
        would place "wann ist das ..." by its question word alone (opening hours)."""
        state = self.state
        if awaiting not in ("offer_agent", "anything_else") or not state.last_answer:
            return False
        if state.intent is None or not asks_back(text):
            return False
        if any(state.slots.get(k) != v for k, v in intent.slots.items()):
            return False
        if names_allergen(text) and self.tenant.allergen_intent() is not None:
            return False  # "Und ist der glutenfrei?" after "… ist laktosefrei": asked anew
        best = intent.name or (intent.alternatives[0][0] if intent.alternatives else "")
        other = self.tenant.intents.get(best)
        if other is not None and other.id != state.intent.id:
            if is_new_concern(self.tenant, intent) and self.tenant.shares_words(text, other.id):
                return False
            if "product" in needs_of(other) and state.last_product is not None:
                return False  # "Sind da Duftstoffe drin?" after the price: the same product
        self._answer_once_more(text)
        return True

    def _answer_once_more(self, asked: str | None = None) -> None:
        """Sorry, no more to say, and a person offered, instead of a loop; asked about again
        after that, the caller is put through. The answer is said once more for the same
        question again (`asked` None) or a question for a time or an amount when the answer
        has figures ("Und wann wird das abgebucht?"); not for one it cannot hold ("Wo wird die
        hergestellt?" after the list of ingredients)."""
        state = self.state
        figures = bool(digits_in(state.last_answer, self.tenant.language))  # ("etwa drei Minuten")
        repeat = asked is None or (figures and asks_for_a_figure(asked))
        sorry = self.prompts.say("no_more_detail")
        if state.awaiting == "offer_agent" and state.last_said.startswith(sorry):
            self.reply.handoff_for_intent([], reason="intent")
            return
        parts = [sorry]
        if repeat:
            parts.append(self.prompts.say("answer_again", answer=state.last_answer))
        self.reply.ask([*parts, self.prompts.say("offer_agent")], "offer_agent", "yesno")

    def _told_instead(self, text: str, intent: Intent) -> bool:
        """ "Is it about a lost card?" - "no, it got swallowed by the machine": the words after
        the no are the concern told anew, when they point to another one (likely, if unsure),
        instead of "How can I help you?" (the caller would repeat themself)."""
        state = self.state
        rest = after_answer_words(text)
        if len(rest.split()) < 2:  # "nein", "nein danke": just a no
            return False
        event = self.tenant.classify(rest, intent)
        name, confidence = event.name, event.confidence
        if name is None and event.alternatives:
            name, confidence = event.alternatives[0]
        rejected = state.candidate.id if state.candidate is not None else None
        if name in (None, rejected) or confidence < self.tenant.threshold / 2:
            return False
        state.rejected = rejected
        state.candidate, state.awaiting = None, "concern"
        self._on_concern(rest, event, None)
        return True

    def _product_named(self, awaiting: str, text: str) -> bool:
        """A reply to "Kann ich sonst noch helfen?" that names only one of our products. Right
        after "X ist leider keines unserer Produkte" it corrects X (misheard), and "und was
        ist mit dem Müsli?" asks the same again: the same question is answered for it.
        Otherwise the bot asks what the caller wants to know about it. The classifier would
        read a bare product name as some other concern."""
        state = self.state
        if awaiting != "anything_else":
            return False
        product = self.tenant.product_only(text)
        if product is None:
            return False
        if state.intent is not None and (
            state.product_unknown or follows_up(text) or corrects(text)
        ):  # "nein, ich meinte das Duschgel": the same question about the product meant
            state.product_unknown = False
            state.slots["product"] = product
            self.steps.advance([])
        else:
            reset_concern(state)
            ask_about_product(self.tenant, self.state, self.reply, product, [])
        return True

    def _slot_given_instead(self, text: str, intent: Intent) -> bool:
        """ "Geht es um eine Reklamation?" - "L 2 3 4 5 B": the batch the concern needs, said
        instead of a yes, is one (a code or postcode is no answer to anything else)."""
        state = self.state
        candidate = state.candidate
        if candidate is None or yes_or_no(text, self.tenant.language) is False:
            return False
        codes = caller_input.codes_in(needs_of(candidate), text, intent, self.tenant)
        if not codes:
            return False
        slot, found = next(iter(codes.items()))
        state.slots[slot] = found
        self._confirmed(True)
        return True

    def _product_given_instead(self, text: str) -> bool:
        """ "Geht es um die Zutaten eines Produkts?" - "Von der Tomatensauce, bitte": a yes for
        that product (an answer the bot gives, not a complaint, which is confirmed as asked)."""
        state, candidate = self.state, self.state.candidate
        if candidate is None or candidate.action != "selfservice":
            return False
        product = self.tenant.product_only(text)
        if product is None or "product" not in needs_of(candidate):
            return False
        state.slots["product"] = product
        self._confirmed(True)
        return True

    def _closing_then_concern(self, text: str, intent: Intent, urgent_only: bool) -> bool:
        """ "Is it about ordering a card?" - "No, that's it, I lost my card": the concern said
        after the closing words, when it is another one. At "anything else?" only an urgent one
        ("No that's all. Actually, my card was stolen"): a remark after "that's all" ends the
        call there."""
        rest = without_closing(text)
        concern = concern_in_answer(self.tenant, rest, intent) if rest else None
        candidate = self.state.candidate
        if concern is None or (candidate is not None and concern.name == candidate.id):
            return False
        if urgent_only and not self._urgent(concern):
            return False
        if urgent_only:  # "Nein, das war alles. Ich bin echt sauer": asked, not taken
            reset_concern(self.state)
            if not confirmable(self.tenant, self.state, concern):
                return False
            self._ask_confirmation([])
            return True
        return self._new_concern("confirm_intent", concern, rest)

    def _why_of_a_product_answer(self, text: str) -> bool:
        """ "Warum nicht?" after "… ist nicht vegan" (or after palm oil, an allergen): the
        product's ingredients, which say why."""
        state = self.state
        spec = state.intent
        ingredients = self.tenant.ingredient_intents()
        why = fold(text).replace("denn", "").split() in (
            ["warum"],
            ["warum", "nicht"],
            ["wieso"],
            ["wieso", "nicht"],
            ["weshalb"],
            ["why"],
            ["why", "not"],
        )
        if not why or spec is None or not ingredients or not state.last_product:
            return False
        if spec.answer not in _WHY_ANSWERS:
            return False
        state.intent = self.tenant.intents[ingredients[0]]
        state.slots["product"] = state.last_product
        self.steps.advance([])
        return True

    def _same_about_more(self, text: str, early: bool = False) -> bool:
        """A short follow-up to the answer just given (dialog/follow_up.py), answered."""
        state = self.state
        follow_up = read_follow_up(self.tenant, state, text, early)
        if follow_up is None:
            return False
        state.intent = follow_up.intent
        if follow_up.product_unplaced:  # "und der Schokodrink?": which product is asked for
            state.slots.pop("product", None)
            state.last_product = None
        merge_slots(state, follow_up.slots)
        self.steps.advance([])
        return True

    def _new_concern(self, awaiting: str, concern: Intent, text: str = "") -> bool:
        """A concern said at a yes/no prompt: served when it is another one than the prompt's
        (confirming the candidate when it names that); False: the yes/no decides."""
        state = self.state
        asked_about = state.candidate if awaiting == "confirm_intent" else state.intent
        same = asked_about is not None and concern.name == asked_about.id
        news = any(state.slots.get(k) != v for k, v in concern.slots.items()) or (
            names_allergen(text) and self.tenant.allergen_intent() is not None
        )  # ("Und ist der glutenfrei?" after "… ist laktosefrei": the allergen is no slot)
        other = any(state.slots.get(k) not in (None, v) for k, v in concern.slots.items())
        if same and awaiting == "offer_agent" and yes_or_no(text, self.tenant.language) is None:
            self.reply.handoff_for_intent([], reason="intent")  # "Und wie kündige ich dann?"
            return True  # after the contract end: the concern asked about again, its team
        if same and awaiting == "offer_agent" and (not other or starts_with_yes(text)):
            return False  # "ja, die Rechnung", "Ja bitte, das geht seit gestern nicht" to the
            # agent offer is a yes ("nein, mein Telefon geht aber auch nicht" after the
            # Internet's outage names another service: served)
        if same and awaiting == "confirm_intent" and starts_with_no(text):
            return False  # "Nein. … da war ein Gutschein drin": the no decides
        if same and awaiting == "confirm_intent":
            merge_slots(state, concern.slots)
            self._confirmed(True)
            return True
        plain_yes = starts_with_yes(text) and yes_or_no(text, self.tenant.language) is not False
        adds = adds_concern(text) or fold(text).split()[1:2] in (["und"], ["and"])
        plain_yes = plain_yes and adds and not replaces_concern(text)
        if awaiting == "confirm_intent" and state.candidate is not None and plain_yes:
            # "Is it about a pending transfer?" - "yes, and the exchange rate": both; an answer
            # or an urgent concern first, the confirmed one after it ("yes, it hasn't arrived"
            # says what it is about instead: taken below)
            state.intent, state.intent_confidence = state.candidate, state.candidate_confidence
            state.candidate = None
            spec = self.tenant.intents.get(concern.name or "")
            answered = spec is not None and spec.action == "selfservice"
            if routine_read_as_urgent(self.tenant, text, concern):  # "yes, and I also want to
                self.steps.advance([])  # cancel a direct debit": no fraud (the agent hears it)
                return True
            if answered or (self._urgent(concern) and state.intent.priority != "high"):
                set_aside(state)
                take_intent(self.tenant, state, concern)
            else:
                note_also(self.tenant, state, concern)
            self.steps.advance([])
            return True
        if same and awaiting == "anything_else" and not news and has_more(text):
            return False  # "ok danke, ich hab noch eine Frage": the question is yet to come
        if same and awaiting == "anything_else" and not news and state.last_answer:
            # "but can I get a Visa instead?" after the Visa/Mastercard answer: the answer once
            # more (maybe it was not heard), then a person is offered instead of a loop (a new
            # product or slot is answered as usual)
            self._answer_once_more()
            return True
        product = state.slots.get("product")  # "der Eistee schmeckt nach Seife" - "Geht es um
        take_new_concern(self.tenant, state, awaiting, text, concern)  # eine Reklamation?" -
        # "Nee, nur ne Frage. Ist der vegan?": the Eistee's
        if product and not state.slots.get("product") and "product" in needs_of(state.intent):
            state.slots["product"] = product
        self.steps.advance([])
        return True

    def _unclear_yes_no(self, awaiting: str, text: str, intent: Intent, value: str | None) -> None:
        state = self.state
        best = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
        more_of_it = state.candidate is not None and best == state.candidate.id
        if (
            awaiting == "confirm_intent"
            and more_of_it
            and not (is_question(text) or does_not_know(text))
        ):
            self._confirmed(True)  # "Is it about a card that has not arrived?" - "it's been two
            return  # weeks already": it tells more of that concern, so it is
        flipped = flipped_yes(text)  # "Yes, that's incorrect" (a misheard "… correct"): the
        if awaiting == "confirm_intent" and not (  # question again, no new concern
            not text.strip() or self.tenant.is_nonsense(text) or does_not_know(text) or flipped
        ):
            state.candidate = None  # "Geht es um unsere Öffnungszeiten?" - "was kostet ein
            state.awaiting = "concern"  # Döner": the concern told anew, not "Ja oder Nein?"
            state.no_match += 1  # (a guess that missed: reprompts, then the keypad menu)
            self._on_concern(text, intent, value)
            return
        asked = is_question(text) and len(text.split()) >= 2  # ("Ist die parfümfrei?")
        if (
            awaiting == "anything_else"
            and text.strip()
            and not flipped
            and (asked or not self.tenant.is_nonsense(text))
        ):
            reset_concern(state)  # "Gibt es einen Shop in Köln?": neither yes nor no but a
            state.awaiting = "concern"  # question: taken as the next concern (reprompted if
            self._on_concern(text, intent, value)  # not understood), never a hang-up
            return
        if awaiting == "offer_agent" and asked and state.last_answer:  # "Und wofür sind die
            self._answer_once_more(text)  # knapp vierzig Euro?": no more to say, a person
            return  # offered (not "Ja oder Nein?")
        state.unclear += 1
        noted = awaiting == "anything_else" and only_acknowledges(text, self.tenant.language)
        if state.unclear < 2 and noted:  # "Ach so." to "Kann ich sonst noch helfen?": the
            self.reply.ask([self.prompts.say("anything_else")], awaiting, "yesno")  # question
        elif state.unclear < 2:  # again, not "Bitte antworten Sie mit Ja oder Nein"
            self.reply.ask([self.prompts.say("yesno_unclear")], awaiting, "yesno")
        elif awaiting == "offer_agent":
            self.reply.handoff_for_intent([], reason="intent")
        elif awaiting == "anything_else":
            self.reply.end([self.prompts.say("goodbye")], reason="bot")
        else:
            state.unclear = 0
            state.candidate = None
            no_match(self.tenant, self.state, self.reply)

    def _confirmed(self, yes: bool) -> None:
        state = self.state
        if yes and state.candidate is not None:
            state.intent, state.intent_confidence = state.candidate, state.candidate_confidence
            state.candidate = None
            self.steps.advance([])
            return
        if state.candidate is not None:
            state.rejected = state.candidate.id
        state.candidate = None
        if state.also and state.intent is None:  # "… und ich will kündigen" - "Geht es um
            self.steps.anything_else([])  # Ihre Rechnung?" - "Nein": the cancellation said
            return  # with it next ("Sie hatten außerdem eine Kündigung erwähnt.")
        self.reply.ask([self.prompts.say("ask_concern")], awaiting="concern")
