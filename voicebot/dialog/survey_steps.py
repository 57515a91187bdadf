"""The order in which a respondent's turn is read (`SurveyDialog._answer`).

Each step takes the dialog and the turn (survey_turn.SurveyTurn). A `read_*` step rewrites the
turn (its words, the wait it ends, the intent said, the answer read) and returns None; an
`answer_*` step may answer the respondent and returns True to end the turn, False to let the
next step read on. A new reading is one function in survey_consent_steps.py (consent, leaving,
a turn that is no answer) or survey_answer_steps.py (the answer to the current question), put
into this list where it belongs: later steps see what earlier ones wrote. The steps after
`answer_consent` read only turns at a question (it answers every turn at consent).
"""

from __future__ import annotations

from voicebot.dialog.survey_answer_steps import (
    answer_asked_again,
    answer_between_two,
    answer_change_asked,
    answer_comment_question_explained,
    answer_does_not_know,
    answer_new_answer,
    answer_next_instead,
    answer_no_comment,
    answer_not_passed_on,
    answer_opt_out,
    answer_own_view_asked,
    answer_question_at_comment,
    answer_rating_corrected,
    answer_said_instead,
    answer_scale_asked,
    answer_stored,
    answer_withheld,
    answer_yes_no_corrected,
    read_answer,
    read_intent,
    read_someone_elses,
    read_their_answer,
)
from voicebot.dialog.survey_consent_steps import (
    answer_answering_machine,
    answer_break_off_at_comment,
    answer_broken_off,
    answer_call_back_at_consent,
    answer_call_back_later,
    answer_child,
    answer_consent,
    answer_consent_after_all,
    answer_data_deleted,
    answer_goodbye_at_comment,
    answer_goodbye_instead,
    answer_handed_the_phone,
    answer_hold_on,
    answer_in_another_language,
    answer_little_time,
    answer_never_again,
    answer_not_concerned,
    answer_not_passed_on_at_consent,
    answer_offers_to_answer,
    answer_person_asked,
    answer_refusal,
    answer_say_again,
    answer_someone_else_out,
    answer_stop,
    answer_wait,
    read_hold,
    read_not_passed_on,
)
from voicebot.dialog.survey_handover import (
    answer_handed_over_at_question,
    answer_line_checked,
    answer_new_person_at_question,
    answer_stop_alone,
)
from voicebot.dialog.survey_turn import SurveyStep
from voicebot.dialog.survey_who_for import answer_who_for

SURVEY_STEPS: tuple[SurveyStep, ...] = (
    # -- who is on the line, and leaving for good (survey_consent_steps.py) --
    answer_answering_machine,  # "… hinterlassen Sie eine Nachricht nach dem Piepton"
    answer_child,  # "ich bin erst zwölf"
    answer_data_deleted,  # "löschen Sie bitte meine Antworten"
    answer_never_again,  # "nein, und rufen Sie hier nie wieder an"
    answer_call_back_at_consent,  # "Ja, aber rufen Sie mich in einer Stunde zurück"
    answer_consent_after_all,  # "Nein. Ach, doch, … ich mach mit."
    # -- an earlier answer changed (survey_answer_steps.py) --
    answer_new_answer,  # "Drei." after "Ich möchte meine Antwort ändern" - "Wie lautet …?"
    answer_rating_corrected,  # "Nein, doch eher eine Zwei." at the recommendation
    answer_yes_no_corrected,  # "Die Hotline. Ach und weiterempfehlen würde ich ihn doch …"
    answer_change_asked,  # "Ich möchte meine Antwort ändern."
    # -- consent refused, a wait, someone else, no answer (survey_consent_steps.py) --
    answer_little_time,  # "Worum geht es? Ich hab nicht viel Zeit."
    answer_refusal,  # "Ja danke, schon gut.", "Ich hab keinen Bock auf so was."
    read_hold,
    answer_handed_the_phone,  # whoever takes the phone after "ich hole meinen Mann"
    answer_new_person_at_question,  # "ja hallo?" after "ich geb Sie mal meiner Frau"
    answer_hold_on,  # "Moment, ich hole meinen Mann"
    answer_handed_over_at_question,  # "Moment, ich geb Sie mal meiner Frau" at a question
    answer_line_checked,  # "Hallo, sind Sie noch da?" at a question
    read_not_passed_on,  # "Können Sie das weitergeben?"
    answer_not_passed_on_at_consent,
    answer_in_another_language,  # "Sorry, I don't speak German"
    answer_offers_to_answer,  # "Mein Mann ist nicht da, aber ich kann das machen."
    answer_someone_else_out,  # "Mein Mann ist nicht da"
    answer_not_concerned,  # "Ich hab gar kein Internet."
    answer_say_again,  # "wie bitte?"
    answer_wait,  # "Moment, ich überleg mal."
    answer_comment_question_explained,  # "Wie meinen Sie das?" at the comment
    answer_question_at_comment,  # "Wo haben Sie meine Nummer her?" at the comment
    answer_goodbye_at_comment,  # "Danke, tschüss."
    answer_break_off_at_comment,  # "Ich hab jetzt doch keine Zeit mehr."
    answer_person_asked,  # "Können Sie mich mit jemandem verbinden?"
    # -- whose answer, and none (survey_answer_steps.py) --
    read_their_answer,  # "Ich auch." after "Mein Mann sagt ja." - "… Ihre eigene Meinung."
    read_someone_elses,  # "Mein Mann würde sagen drei"
    answer_own_view_asked,
    answer_scale_asked,  # "was heißt denn eins?", "Eins ist das Beste, oder?"
    answer_does_not_know,  # "weiß ich nicht", "kann ich noch nicht sagen"
    read_intent,  # "Woher haben Sie meine Nummer?", "Moment, wer genau ruft da an?"
    answer_who_for,  # "Ist das von der Telekom?" (no intent placed it)
    # -- the consent question answered (survey_consent_steps.py) --
    answer_consent,  # always answers at consent
    answer_stop_alone,  # "Stopp." at a question
    # -- at a question: the answer (both modules) --
    answer_goodbye_instead,  # "Das dauert mir zu lange, tschüss"
    read_answer,
    answer_broken_off,  # "Nee, jetzt reicht's, ich leg auf"
    answer_no_comment,  # "dazu sag ich nichts"
    answer_stored,  # "vier", "Drei, und weiterempfehlen würde ich ihn nicht"
    answer_not_passed_on,  # "Können Sie das an Nordwelle weitergeben?"
    answer_stop,  # "nee lass mal"
    answer_call_back_later,  # "jetzt ist es schlecht, rufen Sie später an"
    answer_withheld,  # "das sag ich nicht"
    answer_opt_out,  # a sure opt-out intent
    answer_between_two,  # "zwischen zwei und drei"
    answer_next_instead,  # asked twice, the next question answered
    answer_said_instead,  # a tenant intent said instead of an answer
    answer_asked_again,  # always answers
)
