"""The order in which a turn at the open question is read (`InboundDialog._on_concern`).

Each step takes the dialog and the turn (concern_turn.ConcernTurn). A `read_*` step rewrites the
turn (its text, its intent, what it found) and returns None; an `answer_*` step may answer the
caller and returns True to end the turn, False to let the next step read on. A new reading is
one function in concern_before.py (the turn is something else than a concern, or says more
around it), concern_meaning.py (which concern it says) or concern_serving.py (the concern
served), put into this list where it belongs: later steps see what earlier ones wrote.
"""

from __future__ import annotations

from voicebot.dialog.concern_before import (
    answer_bereaved,
    answer_call_question,
    answer_callback,
    answer_complaint,
    answer_done_and_thanked,
    answer_fault_mended,
    answer_goodbye,
    answer_greeting,
    answer_hold_on,
    answer_in_another_language,
    answer_no_number_at_hand,
    answer_nonsense,
    answer_number_again,
    answer_number_corrected,
    answer_number_in_parts,
    answer_question_after_praise,
    answer_standing_order,
    answer_taken_back,
    answer_where_the_number_is,
    read_concern_after_done,
    read_first_of_several,
    read_number,
    read_product_talked_about,
    read_sure_clause,
    read_without_background,
)
from voicebot.dialog.concern_meaning import (
    answer_card_stopped,
    answer_dislike,
    answer_praise_read_as_complaint,
    read_concern_besides_number,
    read_concern_class,
    read_correction,
    read_not_the_rejected,
    read_praise_of_a_dislike,
    read_praise_unplaced,
    read_product_asked_about,
    read_product_corrected_to,
    read_product_question,
    read_sentences,
    read_topic_or_area,
    read_urgent_part,
    read_wrong_recipient,
)
from voicebot.dialog.concern_serving import (
    answer_catalog_question,
    answer_company_question,
    answer_concern_taken,
    answer_identified_only,
    answer_if_sold,
    answer_not_understood,
    answer_product_named_as_praise,
    answer_product_only,
    answer_with_a_guess,
    read_identity,
)
from voicebot.dialog.concern_turn import ConcernStep

CONCERN_STEPS: tuple[ConcernStep, ...] = (
    # -- the customer number and the call's end (concern_before.py) --
    answer_number_corrected,  # "nein, die letzte ist eine 3"
    answer_goodbye,
    read_number,  # the number said, when one is asked for
    answer_number_again,  # "4 0 8 1 7 2 5 3" once more after "Danke, Petra Lindner"
    answer_where_the_number_is,  # "wo finde ich meine Kundennummer?"
    answer_number_in_parts,  # "meine Kundennummer ist 4 0 8 1 7 2"
    answer_call_question,  # "was kostet dieser Anruf?", "was passiert mit meinen Daten?"
    # -- what the turn says around a concern, or instead of one (concern_before.py) --
    read_without_background,  # "I'm 82 and …", "ich möchte mich nicht beschweren, nur …"
    read_concern_after_done,  # "die Techniker haben den Router eingerichtet, aber die Rechnung …"
    read_sure_clause,  # an unsure turn with a sure clause
    read_first_of_several,  # "das internet geht nicht und die rechnung ist auch zu hoch"
    answer_greeting,  # "Hallo?"
    answer_hold_on,  # "can you hold on one second"
    answer_no_number_at_hand,  # "Ich kenn meine Kundennummer nicht, es geht um …"
    answer_in_another_language,
    answer_standing_order,  # "I want to cancel a direct debit"
    answer_bereaved,  # a death reported
    answer_taken_back,  # "i cant find my card oh wait here it is"
    answer_done_and_thanked,  # "der Techniker war da, jetzt funktioniert alles, danke"
    answer_fault_mended,  # "das Internet geht wieder"
    answer_callback,  # "can you call me back?"
    answer_complaint,  # "I want to make a complaint" (no intent for it)
    read_product_talked_about,
    answer_nonsense,
    answer_question_after_praise,  # "… super lecker gibt es die auch ohne Zucker"
    # -- which concern it is (concern_meaning.py) --
    read_concern_besides_number,  # "meine Nummer ist 40817287"
    read_correction,  # "Ich will kündigen, ach nein, eigentlich …"
    read_product_corrected_to,  # "Was kostet die Handcreme, äh nein, das Duschgel?"
    read_sentences,
    read_not_the_rejected,  # "Is it about closing your account?" - "No." - "I am moving …"
    answer_card_stopped,  # "can you cancel my card please" (read as cancelling a transfer)
    read_urgent_part,  # fraud, the first concern said or an urgent one, harm
    read_wrong_recipient,  # "i transferred 500 pounds to the wrong sort code …"
    read_product_question,  # "Ist im Duschgel Mikroplastik?", "Kann ich die noch trinken?"
    read_praise_unplaced,  # "tolle Firma, danke für …"
    read_product_asked_about,
    read_topic_or_area,  # "Rechnung.", "I have a question about my account"
    answer_dislike,  # "Die Zahnpasta schmeckt meinen Kindern nicht"
    read_praise_of_a_dislike,  # "… zu süß und ich möchte mich beschweren"
    read_concern_class,  # "meine SIM-Karte ist gesperrt"
    answer_praise_read_as_complaint,  # "der Techniker war super nett"
    # -- the concern served (concern_serving.py) --
    answer_company_question,  # "Suchen Sie noch Azubis?"
    answer_catalog_question,  # "Welche Ihrer Produkte enthalten Palmöl?"
    read_identity,  # the number said: identified or not
    answer_if_sold,  # "Gibt es die auch als Laugenstangen?"
    answer_product_only,  # "Ich hab eine Frage zur Hafermilch"
    answer_product_named_as_praise,  # "Lietumaten Sauce" (read as praise)
    answer_concern_taken,  # a sure concern: served, the turn's others noted
    answer_with_a_guess,  # "Geht es um Ihre Rechnung?"
    answer_identified_only,  # "40817287." alone
    answer_not_understood,  # always answers
)
