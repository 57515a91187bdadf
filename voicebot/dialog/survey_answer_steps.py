"""The survey steps (survey_steps.py) that read the answer to the current question: an earlier
answer changed or corrected, the question's meaning or scale asked about, someone else's answer
instead of the person's own, "weiß ich nicht", the tenant intent said instead, the answer read
and stored (with the next question's when said with it), a rating between two narrowed, and
the question asked again. `answer_*` steps may answer and end the turn, `read_*` steps only
rewrite it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from voicebot.dialog.closing_words import says_goodbye
from voicebot.dialog.question_words import is_question
from voicebot.dialog.repeat_or_wait import asks_to_wait
from voicebot.dialog.survey_changes import asks_to_change
from voicebot.dialog.survey_others import (
    agrees_with_them,
    as_own,
    only_someone_elses,
    own_part,
)
from voicebot.dialog.survey_ratings import (
    asks_about_scale,
    corrected_rating,
    rating_after_doubt,
)
from voicebot.dialog.survey_turn import SurveyTurn, expect, stored_answer
from voicebot.dialog.survey_turns import (
    asks_us_something,
    cannot_say,
    names_the_comment_question,
    no_comment,
    pause_then_asks,
)
from voicebot.dialog.survey_words import (
    WITHHOLD_WORDS,
    asks_meaning,
    asks_us,
    echoes_no,
    echoes_yes,
    hedges,
    names_key,
    question_keys,
    says_any,
)
from voicebot.dialog.survey_yes_no import corrected_yes_no, limited_yes
from voicebot.dialog.words import (
    does_not_know,
    fold,
    rating_in,
    starts_with_no,
    starts_with_yes,
)
from voicebot.nlu.numbers import spoken_digits
from voicebot.nlu.slots import rating_range

if TYPE_CHECKING:
    from voicebot.dialog.survey import SurveyDialog


def answer_new_answer(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Ich möchte meine Antwort ändern." - "Wie lautet …?" - "Drei." (or "ach, lassen
    Sie's": this question again). Any turn after the new answer was asked for is it, once."""
    changing, dialog.changing = dialog.changing, False
    if changing:
        changed(dialog, turn.text, turn.value, turn.keyed)
        return True
    return False


def answer_rating_corrected(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Nein, doch eher eine Zwei." at the recommendation: the rating changed."""
    return not turn.keyed and dialog.step > 0 and rating_corrected(dialog, turn.text)


def answer_yes_no_corrected(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Die Hotline. Ach und weiterempfehlen würde ich ihn doch eigentlich." at the comment."""
    return not turn.keyed and turn.free and yes_no_corrected(dialog, turn.text)


def answer_change_asked(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Ich möchte meine Antwort ändern": no new answer in the words, it is asked for
    (nothing stored)."""
    if not turn.keyed and dialog.step > 0 and asks_to_change(turn.text):
        dialog.changing = True
        dialog._ask(dialog.tenant.prompts.say("survey_new_answer"), None)
        return True
    return False


def answer_comment_question_explained(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Wie meinen Sie das?" at the comment: asked again, nothing stored."""
    text = turn.text
    if turn.free and not turn.keyed and turn.short and is_question(text) and asks_meaning(text):
        question = dialog.survey.questions[dialog.step]
        dialog._ask(question.reprompt or question.prompt, None)
        return True
    return False


def answer_question_at_comment(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Wo haben Sie meine Nummer her?" at the comment: told, and the question asked again (it
    was stored as the comment)."""
    if turn.free and not turn.keyed and is_question(turn.text) and asks_us(turn.text):
        said = dialog._intent(turn.text)
        if said is not None and said.sure and said.id not in dialog.survey.ends_call:
            dialog._said_instead(said)
            return True
    return False


def read_their_answer(dialog: SurveyDialog, turn: SurveyTurn) -> None:
    """ "Mein Mann sagt ja." - "… Ihre eigene Meinung." - "Ich auch.": the other person's
    answer, told at this question, becomes the words read."""
    theirs = dialog.theirs.pop(dialog.step, None) if dialog.step >= 0 else None
    if theirs is not None and not turn.keyed and agrees_with_them(turn.text):
        turn.text = as_own(theirs)


def read_someone_elses(dialog: SurveyDialog, turn: SurveyTurn) -> None:
    """ "Mein Mann würde sagen drei": only someone else's answer, not the person's own."""
    turn.others = (
        dialog.step >= 0 and not (turn.keyed or turn.free) and only_someone_elses(turn.text)
    )


def answer_own_view_asked(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """Someone else's answer: the person's own asked for, once per question (no try lost); the
    other's is kept for "Ich auch."."""
    if turn.others and dialog.step not in dialog.own_asked:
        dialog.own_asked.add(dialog.step)
        dialog.theirs[dialog.step] = turn.text
        told = dialog.tenant.prompts.say("survey_own_view")
        step = dialog.survey.questions[dialog.step]
        dialog._ask(f"{told} {step.prompt}", expect(step.kind))
        return True
    return False


def answer_scale_asked(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "was heißt denn eins?", "Eins ist das Beste, oder?": the scale told (the question's
    reprompt), no answer stored, no try counted."""
    rating_asked = dialog.step >= 0 and dialog.survey.questions[dialog.step].kind == "rating"
    scale_asked = rating_asked and asks_about_scale(turn.text)
    if (
        dialog.step >= 0
        and not turn.keyed
        and not turn.free
        and (asks_meaning(turn.text) or scale_asked)
    ):
        question = dialog.survey.questions[dialog.step]
        dialog._ask(question.reprompt or question.prompt, expect(question.kind))
        return True
    return False


def answer_does_not_know(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "weiß ich nicht", "kann ich noch nicht sagen", "sag ich nicht" (no "nein") at a yes/no
    question: an answer in a survey, asked once; "keine Ahnung" is no "kein Interesse", and
    "keine Ahnung, vielleicht drei" is 3."""
    text = turn.text
    withheld = says_any(turn.folded, WITHHOLD_WORDS)
    yes_no_asked = dialog.step >= 0 and dialog.survey.questions[dialog.step].kind == "yesno"
    if (
        dialog.step >= 0
        and not turn.keyed
        and not turn.free
        and not _after_doubt(dialog, turn)
        and (does_not_know(text) or cannot_say(text) or (withheld and yes_no_asked))
    ):
        dialog.answers[dialog.survey.questions[dialog.step].id] = None
        dialog._next_question()
        return True
    return False


def read_intent(dialog: SurveyDialog, turn: SurveyTurn) -> None:
    """Whether the turn asks something ("Moment, wer genau ruft da an?" is no yes, and
    answered), and the tenant intent it says; none when unsure ("Moment mal", "keine Ahnung"),
    at the comment, or at a question when it asks the survey nothing ("Es geht." at the rating
    was read as a question about the survey at 0.98)."""
    text = turn.text
    asks = not turn.keyed and (is_question(text) or pause_then_asks(text))
    asks = asks and not starts_with_yes(text)
    waits = asks_to_wait(text) and not asks
    unsure = (does_not_know(text) and not _after_doubt(dialog, turn)) or waits
    said = None if turn.keyed or turn.free or unsure else dialog._intent(text)
    if said is not None and dialog.step >= 0 and said.id not in dialog.survey.ends_call:
        said = said if asks_us_something(text) else None
    turn.asks, turn.said = asks, said


# -- at a question (the consent question was answered by answer_consent) --


def read_answer(dialog: SurveyDialog, turn: SurveyTurn) -> None:
    """The answer to the current question: the person's own part ("mein Nachbar sagt nein,
    aber ich würde ihn empfehlen": hers), none when only someone else's; a yes/no echoed in the
    question's own verb ("Ich würde ihn schon weiterempfehlen", "empfehlen würde ich die
    keinem")."""
    question = dialog.survey.questions[dialog.step]
    text, keyed = turn.text, turn.keyed
    mine = own_part(text) if question.kind == "yesno" and not keyed else None
    read = mine or text
    answer = stored_answer(question.kind, read, turn.value, keyed, turn.noisy, question.prompt)
    if answer is None and question.kind == "rating" and not keyed:  # "meine Tochter ist
        mine = own_part(text)  # vierzehn, die findet es super, aber ich sag drei": the other's
        if mine is not None:  # words hold a number of their own; the rating is in the own part
            answer = stored_answer("rating", mine, turn.value, keyed, turn.noisy, question.prompt)
    answer = None if turn.others else answer
    limited = question.kind == "yesno" and not keyed and limited_yes(text) is not None
    unread = answer is None and not (keyed or turn.noisy or limited or turn.others)
    if unread and question.kind == "yesno":
        keys = question_keys(question.prompt)
        answer = "ja" if echoes_yes(read, keys) else "nein" if echoes_no(read, keys) else None
    turn.answer = answer


def answer_no_comment(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "keine Ahnung", "dazu sag ich nichts" at the comment: no comment (the question is
    answered)."""
    if turn.answer is None or not turn.free or turn.keyed:
        return False
    if not no_comment(turn.text, turn.folded):
        return False
    dialog.answers[dialog.survey.questions[dialog.step].id] = None
    dialog._next_question(turn.note)
    return True


def answer_stored(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """An answer (never read as an intent: "vier", "nein") is stored and the next question
    asked; "Drei, und weiterempfehlen würde ich ihn nicht" answers that one as well; "Drei,
    tschüss.": kept, and the person is gone."""
    if turn.answer is None:
        return False
    dialog.answers[dialog.survey.questions[dialog.step].id] = turn.answer
    if not turn.keyed and next_answered_too(dialog, turn.text):
        dialog.step += 1
    last = dialog.step >= len(dialog.survey.questions) - 1
    if not turn.keyed and not last and says_goodbye(turn.text):
        dialog._finish(dialog.survey.thanks, "hangup")
        return True
    dialog._next_question(turn.note)
    return True


def answer_not_passed_on(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Können Sie das an Nordwelle weitergeben?": told, asked again (no try)."""
    if not turn.note:
        return False
    question = dialog.survey.questions[dialog.step]
    dialog._ask(f"{turn.note} {question.prompt}", expect(question.kind))
    return True


def answer_withheld(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "das sag ich nicht": no answer, the next question."""
    if not turn.keyed and says_any(turn.folded, WITHHOLD_WORDS):
        dialog.answers[dialog.survey.questions[dialog.step].id] = None
        dialog._next_question()
        return True
    return False


def answer_opt_out(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """A sure opt-out intent at a question: blocked."""
    if turn.said is not None and dialog._opts_out(turn.said):
        dialog._opt_out(turn.said)
        return True
    return False


def answer_between_two(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "zwischen zwei und drei": which of the two (no try lost); between the two again:
    undecided, no rating (not asked a third time)."""
    question = dialog.survey.questions[dialog.step]
    if question.kind != "rating" or turn.keyed or not (pair := rating_range(turn.text)):
        return False
    if dialog.narrowed:
        dialog.answers[question.id] = None
        dialog._next_question()
        return True
    dialog.narrowed = True
    low, high = pair
    dialog._ask(dialog.tenant.prompts.say("survey_which_of_two", low=low, high=high), "rating")
    return True


def answer_next_instead(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """Asked twice, the answer to the next question came: stored, no third try."""
    return (
        not turn.keyed
        and dialog.retries >= 1
        and next_answered_instead(dialog, turn.text, turn.noisy)
    )


def answer_said_instead(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """A tenant intent said instead of an answer: its answer, the question again."""
    if turn.said is not None:
        dialog._said_instead(turn.said)
        return True
    return False


def answer_asked_again(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """Nothing read: the question again (a try counted). Always answers."""
    question = dialog.survey.questions[dialog.step]
    dialog._retry(question.reprompt or question.prompt, expect(question.kind))
    return True


def _after_doubt(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """A rating said after a doubt at the rating question ("keine Ahnung, vielleicht drei")."""
    rating_asked = dialog.step >= 0 and dialog.survey.questions[dialog.step].kind == "rating"
    return rating_asked and not turn.keyed and rating_after_doubt(turn.text) is not None


def rating_corrected(dialog: SurveyDialog, text: str) -> bool:
    """A rating said again at a later question ("Nein, doch eher eine Zwei.", "ändern Sie
    meine Bewertung bitte auf eins"): the last rating question's answer is changed, the
    person told so, and this question asked again (its "nein" is no answer to it). False:
    no correction in the words."""
    rated = [q for q in dialog.survey.questions[: dialog.step] if q.kind == "rating"]
    question = dialog.survey.questions[dialog.step]
    yes_no, free = question.kind == "yesno", question.kind == "free"
    rating = corrected_rating(text, yes_no, free) if rated else None
    if rating is None:
        return False
    dialog.answers[rated[-1].id] = str(rating)
    told = dialog.tenant.prompts.say("survey_rating_changed", rating=rating)
    answered = answered_after_correction(dialog, text) if yes_no else None
    if answered is not None:  # "… eher drei, und ja, empfehlen schon": this one too
        dialog.answers[question.id] = answered
        dialog._next_question(told)
        return True
    dialog._ask(f"{told} {question.prompt}", expect(question.kind))
    return True


def answered_after_correction(dialog: SurveyDialog, text: str) -> str | None:
    """The yes or no to this question said in a later clause than a rating corrected
    ("ach nein, bei der ersten Frage eher drei, und ja, empfehlen schon"): 'ja'/'nein', or
    None when no clause after the first answers it."""
    question = dialog.survey.questions[dialog.step]
    keys = question_keys(question.prompt)
    for clause in re.split(r"[,.;!?]+|\bund\b|\baber\b", text)[1:]:
        if rating_in(clause) is not None:
            continue  # ("… eher drei": the rating, no answer to this one)
        if starts_with_yes(clause) or starts_with_no(clause) or names_key(clause, keys):
            return stored_answer("yesno", clause, None, False, False, question.prompt)
    return None


def changed(dialog: SurveyDialog, text: str, value: str | None, keyed: bool) -> None:
    """The new answer, asked for after "Ich möchte meine Antwort ändern": a rating changes
    the last rating question's answer, a yes or no the last yes/no question's before this
    one; the person is told so and this question asked again (asked again as well when
    neither was said: nothing changed)."""
    before = dialog.survey.questions[: dialog.step]
    rated = [q for q in before if q.kind == "rating"]
    asked = [q for q in before if q.kind == "yesno"]
    rating = stored_answer("rating", text, value, keyed) if rated else None
    yes_no = stored_answer("yesno", text, value, keyed) if asked and not keyed else None
    question = dialog.survey.questions[dialog.step]
    if rating is not None:
        dialog.answers[rated[-1].id] = rating
        told = dialog.tenant.prompts.say("survey_rating_changed", rating=rating)
    elif yes_no is not None:
        dialog.answers[asked[-1].id] = yes_no
        told = dialog.tenant.prompts.say("survey_answer_changed", answer=yes_no)
    else:
        told = ""
    dialog._ask(f"{told} {question.prompt}".strip(), expect(question.kind))


def yes_no_corrected(dialog: SurveyDialog, text: str) -> bool:
    """The last yes/no question answered again, otherwise, at the comment question ("Die
    Hotline. Ach und weiterempfehlen würde ich ihn doch eigentlich."): its answer is
    changed and the person told so; the rest of the words is the comment, or, when
    nothing is left, the comment question is asked again. False: no such correction."""
    asked = [q for q in dialog.survey.questions[: dialog.step] if q.kind == "yesno"]
    found = corrected_yes_no(text, question_keys(asked[-1].prompt)) if asked else None
    if found is None or found[0] == dialog.answers.get(asked[-1].id):
        return False
    answer, comment = found
    dialog.answers[asked[-1].id] = answer
    told = dialog.tenant.prompts.say("survey_answer_changed", answer=answer)
    question = dialog.survey.questions[dialog.step]
    if not comment:
        dialog._ask(f"{told} {question.prompt}", None)
        return True
    dialog.answers[question.id] = comment
    dialog._next_question(told)
    return True


def next_answered_too(dialog: SurveyDialog, text: str) -> bool:
    """A later clause of the answer names the next yes/no question's own word and answers
    it ("Drei, und weiterempfehlen würde ich ihn ehrlich gesagt nicht."): stored."""
    if dialog.step + 1 >= len(dialog.survey.questions):
        return False
    following = dialog.survey.questions[dialog.step + 1]
    clauses = re.split(r"[,.;!?]+|\bund\b|\baber\b", text)[1:]
    keys = question_keys(following.prompt)
    for at, clause in enumerate(clauses):
        if following.kind == "free" and names_the_comment_question(clause, following.prompt):
            said = text[text.find(clause) :].strip(" ,.;!?")  # "Ja, und besser machen
            dialog.answers[following.id] = said  # könnten die den Kundenservice": answered
            return True
        if following.kind == "yesno" and names_key(clause, keys):
            answer = stored_answer("yesno", clause, None, False, False, following.prompt)
            rest = " ".join(clauses[at:])  # ("…, naja, kommt drauf an": no yes)
            if answer is None and echoes_yes(clause, keys) and echoes_yes(rest, keys):
                answer = "ja"  # "Vier, und ich würde ihn auch weiterempfehlen"
            elif answer is None and echoes_no(rest, keys):
                answer = "nein"  # "Zwei, und nein, empfehlen würde ich die keinem."
            if answer is not None:
                dialog.answers[following.id] = answer
                return True
    return False


def next_answered_instead(dialog: SurveyDialog, text: str, noisy: bool) -> bool:
    """The question asked again, and what came answers the next one: a comment ("Abends
    sollte das Netz nicht so langsam sein", a statement of four words or more) where the
    next asks for one, or "Nein, würde ich nicht" where it asks yes or no (three words or
    more: a lone "Nein" may refuse this question). This one stays unanswered, that one is
    stored, and the survey goes on after it."""
    if dialog.step < 0 or dialog.step + 1 >= len(dialog.survey.questions):
        return False
    following = dialog.survey.questions[dialog.step + 1]
    words = len(fold(text).split())
    current = dialog.survey.questions[dialog.step]
    hedged = current.kind == "yesno" and (  # "Vielleicht, kommt drauf an wem.": an unsure
        hedges(text) or names_key(text, question_keys(current.prompt))  # answer to this one
    )
    if following.kind == "free":
        comment = words >= 4 and not is_question(text) and not hedged
        answer = text.strip() if comment else None
    elif words >= 3 and not spoken_digits(text, "de") and not rating_in(text):
        keys = question_keys(following.prompt)  # a plain yes or no, or one that echoes the
        plain = starts_with_yes(text) or starts_with_no(text)  # next question's verb (not
        echoes = echoes_yes(text, keys) or echoes_no(text, keys)  # "na gut, zwei bis drei")
        read = stored_answer(following.kind, text, None, False, noisy, following.prompt)
        answer = read if plain or echoes else None
    else:
        answer = None
    if answer is None:
        return False
    dialog.answers[dialog.survey.questions[dialog.step].id] = None
    dialog.step += 1
    dialog.answers[following.id] = answer
    dialog._next_question()
    return True
