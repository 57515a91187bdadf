"""Free turns the NLU cannot place, checked against the tenant's words on the same audio
(voicebot/asr/vocabulary.py): real Whisper, the replay library's SVOX Pico telephone audio."""

from __future__ import annotations

from pathlib import Path

from voicebot.asr.vocabulary import sound_alike_rewrites
from voicebot.audio.wav import read_audio
from voicebot.dialog.hearing import recognize_turn
from voicebot.dialog.textcall import CallServices

FIXTURES = Path(__file__).resolve().parent.parent / "audio_fixtures"


def test_rewrites_replace_one_word_or_pair_that_sounds_like_a_vocabulary_word() -> None:
    rewrites = sound_alike_rewrites("Ist der Haferdrink eigentlich viel an?", ["vegan", "Palmöl"])
    assert "Ist der Haferdrink eigentlich vegan?" in rewrites
    assert not any("Palmöl" in r for r in rewrites)
    assert sound_alike_rewrites("mein Router ist kaputt", ["Router"]) == []  # already said
    assert sound_alike_rewrites("die 40 81", ["Vierzig"]) == []  # digits are left alone


def heard(whisper_model, services: CallServices, case: str, understood: bool) -> str:
    audio = read_audio(FIXTURES / case / "turn1.wav")
    view = services.view(case.split("/")[0])
    result = recognize_turn(
        whisper_model, audio.samples.tobytes(), audio.sample_rate, "de", None, view.hints,
        view.understands if understood else None,
    )  # fmt: skip
    return result.text


def test_a_misheard_key_word_is_recovered_when_the_nlu_cannot_place_the_turn(
    whisper_model, tenants, tenant_nlu
) -> None:
    services = CallServices(tenants, nlu_for=tenant_nlu)
    plain = heard(whisper_model, services, "sonnhof/vegan", understood=False)
    assert "vegan" not in plain.lower()  # Whisper base: "... eigentlich viel an?"
    checked = heard(whisper_model, services, "sonnhof/vegan", understood=True)
    assert "vegan" in checked.lower()
    assert services.view("sonnhof").understands(checked)


def test_turns_the_nlu_places_and_off_topic_speech_are_left_as_heard(
    whisper_model, tenants, tenant_nlu
) -> None:
    services = CallServices(tenants, nlu_for=tenant_nlu)
    for case in ("sonnhof/zutaten", "nordwelle/stoerung-outage-dtmf"):
        turn = "turn1.wav" if case != "nordwelle/stoerung-outage-dtmf" else "turn2.wav"
        audio = read_audio(FIXTURES / case / turn)
        view = services.view(case.split("/")[0])
        args = (whisper_model, audio.samples.tobytes(), audio.sample_rate, "de", None, view.hints)
        assert recognize_turn(*args).text == recognize_turn(*args, view.understands).text
    clip = FIXTURES / "nordwelle" / "reprompt-human-then-concern"
    for wav in sorted(clip.glob("turn*.wav"))[:1]:  # a person reading a novel (Thorsten-Voice)
        audio = read_audio(wav)
        view = services.view("nordwelle")
        text = recognize_turn(
            whisper_model, audio.samples.tobytes(), audio.sample_rate, "de", None, view.hints,
            view.understands,
        ).text  # fmt: skip
        assert not view.understands(text)


def test_the_call_pipeline_checks_unplaced_free_turns(whisper_model, tenants, tenant_nlu) -> None:
    """The dialog stage hands the tenant's NLU to recognition: the library's vegan case, whose
    first turn Whisper writes as '... viel an?', is answered from the catalog."""
    import asyncio

    from voicebot.dialog.calls import run_wav_call
    from voicebot.events import Transcript

    services = CallServices(tenants, nlu_for=tenant_nlu)
    case = FIXTURES / "sonnhof" / "vegan"
    record = asyncio.run(
        run_wav_call("sonnhof", sorted(case.glob("turn*.wav")), services, whisper_model)
    )
    heard = [e.text for e in record.events if isinstance(e, Transcript) and e.final]
    assert "vegan" in heard[0].lower()
    assert any("ist vegan" in t["text"] for t in record.turns() if t["role"] == "bot")


def test_a_concern_said_at_a_number_prompt_is_decoded_as_a_free_turn(
    whisper_model, tenants, tenant_nlu
) -> None:
    """Nordwelle's greeting expects the number, callers often say the concern first: that turn
    gets the free turn's decoding (beam search, hint words, vocabulary check), not the number
    scorer's greedy transcript (which was also cut at 48 tokens); a number is still scored."""
    services = CallServices(tenants, nlu_for=tenant_nlu)
    view = services.view("nordwelle")
    case = FIXTURES / "nordwelle" / "stoerung-concern-first-fsdd-number"
    concern, number = (read_audio(case / f"turn{i}.wav") for i in (1, 2))
    args = (concern.samples.tobytes(), concern.sample_rate, "de")
    at_number_prompt = recognize_turn(
        whisper_model, *args, "digits:8", view.hints, view.understands
    )
    free = recognize_turn(whisper_model, *args, None, view.hints, view.understands)
    assert at_number_prompt.value is None and at_number_prompt.text == free.text
    assert view.understands(at_number_prompt.text)
    said = recognize_turn(
        whisper_model, number.samples.tobytes(), number.sample_rate, "de", "digits:8",
        view.hints, view.understands,
    )  # fmt: skip
    assert said.value == "40817253"
