"""Quote extraction and attribution on real news sentences."""

from __future__ import annotations

from conftest import parse_text


def quotes(text):
    return [(q.text, q.speaker, q.cue, q.kind) for q in parse_text(text).quotes]


def test_quote_split_around_its_attribution_is_one_quote():
    text = "Sen. Mary Smith spoke on Monday.\n“We will not back down,” she said, “not now and not ever.”"
    [(content, speaker, cue, kind)] = quotes(text)
    assert content.startswith("We will not back down") and content.endswith("not now and not ever.")
    assert (speaker, cue, kind) == ("Mary Smith", "said", "direct")


def test_said_before_name_inverted_attribution():
    text = '"The economy is growing faster than anyone expected," said Treasury Secretary Janet Yellen.'
    assert quotes(text) == [("The economy is growing faster than anyone expected,", "Janet Yellen", "said", "direct")]


def test_surname_resolves_to_full_name():
    text = ("President Joe Biden arrived in Vilnius.\n"
            "Biden said: “The alliance is stronger than it has ever been in its history.”")
    assert quotes(text)[0][1] == "Joe Biden"


def test_scare_quotes_are_not_quotes():
    assert quotes("The so-called “peace plan” was rejected by both sides.") == []


def test_quoted_title_is_not_a_quote():
    assert quotes("She starred in “Casablanca” before the war.") == []


def test_indirect_speech_with_that():
    text = "Officials said that the bridge would reopen by the end of the year."
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, cue, kind) == ("the bridge would reopen by the end of the year", "Officials", "said", "indirect")


def test_indirect_speech_ending_with_an_inverted_speaker_and_an_appositive():
    # polnear-train politico_2015-11-24_clinton-s-iowa-dilemma
    text = ("In a year when arguments against big government are resonating with voters, candidates have more room to "
            "walk away from the program, said Steve Grubbs, an Iowa operative currently working for Rand Paul’s campaign.")
    [(content, speaker, cue, kind)] = quotes(text)
    assert content.startswith("In a year when") and content.endswith("walk away from the program")
    assert (speaker, cue, kind) == ("Steve Grubbs", "said", "indirect")


def test_a_participle_after_a_comma_is_no_inverted_attribution():
    text = ("Many unnaturalized adoptees try to stay under the radar, telling few people about their situations, "
            "avoiding international travel and keeping away from the polls on Election Day.")
    assert quotes(text) == []


def test_indirect_speech_of_opponents_and_after_since_or_in_the_past():
    # polnear-train huff-post_2016-07-14_fdic-accused-of-covering-up-chin, huff-post_2016-02-26_hillary-clinton-says-trump-s-big
    [(_, speaker, cue, kind)] = quotes("Republican opponents have said that Hillary Clinton’s use of a private email "
                                       "server could have exposed classified information to foreign governments.")
    assert (speaker, cue, kind) == ("Republican opponents", "said", "indirect")
    [(content, speaker, _, _)] = quotes("Hillary Clinton went to the wedding in 2005. She has since said that she "
                                        "attended because she thought it would be fun.")
    assert (content, speaker) == ("she attended because she thought it would be fun", "Hillary Clinton")
    # politico_2016-07-24_al-gore-to-skip-democratic-conve: the speaker is not "the past"
    [(_, speaker, _, _)] = quotes("Gore’s close friends and allies have in the past said he was staying quiet in order "
                                  "to make climate change a more potent issue.")
    assert speaker == "allies"


def test_according_to_attribution():
    text = "Unemployment fell to 3.5 percent last month, according to the Labor Department."
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, cue, kind) == (
        "Unemployment fell to 3.5 percent last month", "Labor Department", "according to", "indirect")


def test_according_to_a_long_source_with_appositives_or_without_a_comma():
    # polnear-train nyt_2016-06-29_the-perfect-term-for-conservativ, breitbart_2016-05-24_in-two-front-war-clinton-targets
    text = ("Justice Sotomayor overtook Justice Ruth Bader Ginsburg as the most liberal one, according to an analysis by "
            "Lee Epstein, a law professor at Washington University in St. Louis, and Kevin Quinn, a political scientist.")
    [(content, speaker, cue, _)] = quotes(text)
    assert (content, speaker, cue) == ("Justice Sotomayor overtook Justice Ruth Bader Ginsburg as the most liberal one",
                                       "Lee Epstein", "according to")
    [(content, speaker, _, _)] = quotes("Clinton leads Sanders by 271 pledged delegates according to a count by The "
                                        "Associated Press.")
    assert (content, speaker) == ("Clinton leads Sanders by 271 pledged delegates", "a count by The Associated Press")


def test_according_to_in_the_middle_or_after_but():
    # polnear-train wash-post_2016-07-15_thin-skinned-trump-quells-critic, west-journal_2016-06-20_media-reports-reveal-reason-behi
    [(content, speaker, _, _)] = quotes("But the next day, according to Roffman, Trump made further demands.")
    assert (content, speaker) == ("But the next day, according to Roffman, Trump made further demands", "Roffman")
    [(content, speaker, _, _)] = quotes("But according to reports emerging in the news media, he could not convince the "
                                        "family members who make up his inner circle.")
    assert speaker == "reports emerging in the news media" and content.startswith("he could not convince")


def test_according_to_source_ends_at_a_dash():
    # polnear-train: "... according to an ABC News-Washington Post poll last week - virtually the same as ..."
    text = ("Some 59 percent of registered voters view her unfavorably, according to an ABC News-Washington Post poll "
            "last week - virtually the same as Mr. Trump's 60 percent.")
    [(_, speaker, _, _)] = quotes(text)
    assert speaker == "ABC News-Washington Post poll last week"


def test_a_poll_share_or_a_count_of_people_is_a_speaker():
    # polnear-train west-journal_2016-07-14_hillary-clinton-visit-to-police-, politico_2016-04-06_hillary-clinton-s-union-problem
    [(content, _, cue, kind)] = quotes("Only 24 percent said she did nothing wrong in the handling of her email.")
    assert (content, cue, kind) == ("she did nothing wrong in the handling of her email", "said", "indirect")
    assert parse_text("Only 24 percent said she did nothing wrong in the handling of her email.").quotes[0].speaker_mention \
        == "Only 24 percent"
    doc = parse_text("In the survey, 78 percent of voters in a recent CBS News poll said they think she is a different "
                     "kind of Republican.")
    assert [q.speaker_mention for q in doc.quotes] == ["78 percent of voters in a recent CBS News poll"]
    assert [q.speaker_mention for q in parse_text("In all, 1,409 teachers said they wanted to endorse Sanders.").quotes] \
        == ["1,409 teachers"]
    assert quotes("Song 2.0 was released in homage to the band.") == []


def test_said_after_and_takes_the_named_subject_of_the_sentence():
    # polnear-train nyt_2016-08-18_trump-hires-conservative-website
    text = ("Ms. Conway rejected the idea that the changes amounted to a shake-up and said that Mr. Manafort was not "
            "being diminished.")
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, cue, kind) == ("Mr. Manafort was not being diminished", "Conway", "said", "indirect")
    # the cue's object is no content: "... and blasted him for siding with Republicans"
    assert quotes("Standing on the stage, Trump praised the crowd and blasted him for siding with Republicans.") == []


def test_a_participle_cue_takes_the_subject_and_the_clause_after_it():
    # polnear-train breitbart_2016-06-10_clinton-to-planned-parenthood-tr: the content was the main clause, the
    # speaker "he"
    text = "Clinton attacked Trump, saying he would appoint Supreme Court judges who would overturn Roe v. Wade."
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, cue, kind) == (
        "he would appoint Supreme Court judges who would overturn Roe v. Wade", "Clinton", "saying", "indirect")
    # "calling X Y" names, it reports nothing
    assert quotes("The Clinton campaign dismissed the attack, calling it the mark of a desperate candidate.") == []
    # after "telling" or "asking", the listener is not part of the content
    [(content, _, cue, _)] = quotes("He spoke on Sunday, telling USA TODAY he had nothing to do with the leak.")
    assert (content, cue) == ("he had nothing to do with the leak", "telling")


def test_only_a_cue_that_takes_a_listener_has_one_and_a_weekday_after_the_cue_is_no_content():
    # polnear-train: "said Cruz has fallen" lost "Cruz" to the listener slot; "reported Thursday that" kept "Thursday"
    [(content, _, _, _)] = quotes("The most recent poll shows Cruz has fallen to 27 percent among likely voters.")
    assert content == "Cruz has fallen to 27 percent among likely voters"
    [(content, _, cue, _)] = quotes("CNN reported Thursday that the FBI has recently interviewed key Clinton aides.")
    assert (content, cue) == ("the FBI has recently interviewed key Clinton aides", "reported")
    [(content, _, cue, _)] = quotes("Mr. Ryan told Mr. Trump that the party would not back the plan.")
    assert (content, cue) == ("the party would not back the plan", "told")


def test_quote_over_two_paragraphs_is_one_quote_with_its_speaker():
    text = ("Mayor Anne Hidalgo said: “We will plant trees on every street of the city.\n"
            "“And we will close the roads along the river to cars for good.”")
    [(content, speaker, cue, kind)] = quotes(text)
    assert content.startswith("We will plant trees") and content.endswith("to cars for good.")
    assert (speaker, cue, kind) == ("Anne Hidalgo", "said", "direct")


def test_fragments_of_a_mixed_quote_are_one_quote():
    text = "Trump said that Machado was “disgusting” and “a con artist” in a late-night post."
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, kind) == ("disgusting” and “a con artist", "Trump", "mixed")


def test_nyt_double_apostrophe_quotes():
    text = "''We'll walk away that much more in love with this country,'' he said."
    [(content, _, cue, kind)] = quotes(text)
    assert (content, cue, kind) == ("We'll walk away that much more in love with this country,", "said", "direct")


def test_pronoun_resolves_to_previous_speaker():
    text = ("Chancellor Olaf Scholz met the ministers.\n"
            "“Germany will stand by Ukraine for as long as it takes,” he told reporters.")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Olaf Scholz", "told")


def test_pronoun_agrees_in_gender_with_its_antecedent():
    text = ("Bernie Sanders met voters in Iowa on Monday.\nHillary Clinton also campaigned there.\n"
            "“We will win this state by a wide margin,” he said.")
    assert quotes(text)[0][1] == "Bernie Sanders"


def test_names_inside_quotes_are_not_antecedents():
    text = ("“Marco Rubio is a lightweight and Ted Cruz is worse,” Donald Trump said.\n"
            "“Nobody believes them anymore,” he added.")
    assert [speaker for _, speaker, _, _ in quotes(text)] == ["Donald Trump", "Donald Trump"]


def test_headline_speaker_before_a_colon():
    text = "Trump: ‘I’m the Worst Thing That Ever Happened to ISIS’\n\nThe candidate spoke in Ohio."
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, cue) == ("I’m the Worst Thing That Ever Happened to ISIS", "Trump", None)


def test_speaker_with_an_appositive():
    text = "“There has been a real shift,” Mitch McConnell, the Senate majority leader, said on Sunday."
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Mitch McConnell", "said")


def test_participle_cue_takes_the_clause_subject_as_speaker():
    text = "Jeb Bush clashed with Donald Trump at the debate, calling him a “loser.”"
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, cue, kind) == ("loser.", "Jeb Bush", "calling", "mixed")


def test_attribution_in_the_middle_of_a_sentence():
    text = "The good news for Cruz, Woolson said, is that he is almost guaranteed to attract a media horde."
    [(content, speaker, cue, kind)] = quotes(text)
    assert (speaker, cue, kind) == ("Woolson", "said", "indirect")
    assert content.startswith("The good news for Cruz") and content.endswith("a media horde")


def test_speaker_after_a_descriptor_and_quantified_sources():
    text = "Ohio Democratic Party chairman David Pepper said the party is considering filing an appeal."
    assert quotes(text)[0][1:3] == ("David Pepper", "said")
    text = "Manafort travels internationally for weeks at a time, consulting for foreign governments, several friends said."
    assert quotes(text)[0][1:3] == ("several friends", "said")


def test_polls_and_beliefs_are_attributions():
    found = quotes("A Bloomberg poll showed that Clinton leads Trump by four points among wealthy voters.")
    assert found == [("Clinton leads Trump by four points among wealthy voters", "Bloomberg poll", "showed", "indirect")]
    assert quotes("Ted Cruz thinks Rubio’s status in Florida is so weak.")[0][1:3] == ("Ted Cruz", "thinks")


def test_headline_forms_with_title_case_cues_and_a_colon():
    assert quotes("Milbank: Republicans ‘Waving The Flag Of Surrender’ To Trump.\n\nThe column ran Friday.")[0][1] == "Milbank"
    found = quotes("Howard Dean Tells Convention Guns Are “The Ultimate Public Health Crisis”\n\nHe spoke on Tuesday.")
    assert [(speaker, cue) for _, speaker, cue, _ in found] == [("Howard Dean", "Tells")]


def test_a_sentence_opening_preposition_is_not_part_of_the_speaker():
    text = "On Saturday, Pope Francis met Bernie Sanders, saying “there is no endorsement here.”"
    assert quotes(text)[0][1:3] == ("Francis", "saying")  # the title "Pope" is a role, kept in people.roles


def test_speaker_after_the_cue_with_lower_case_titles():
    text = ("“We cannot let this moment pass us by,” said former secretary of state Hillary Clinton at the rally.\n"
            "“It's a hot item among conservatives,” said conservative activist Bob Klaus.")
    assert [(q[1], q[2]) for q in quotes(text)] == [("Hillary Clinton", "said"), ("Bob Klaus", "said")]


def test_one_unnamed_source_after_the_cue():
    text = "“It’s Bernie’s to lose at this point,” said one New Hampshire Democrat."
    [(_, speaker, cue, kind)] = quotes(text)
    assert (speaker, cue, kind) == ("New Hampshire Democrat", "said", "direct")


def test_party_tag_in_parentheses_between_speaker_and_cue():
    text = "“The numbers just do not add up for the campaign,” Rep. Earl Blumenauer (D-Ore.) said."
    assert quotes(text)[0][1] == "Earl Blumenauer"


def test_name_and_colon_before_the_quote():
    text = ("Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: keep on contacting voters.”\n"
            "Rep. Trey Gowdy (R-S.C.): “I have not seen a single document that changes my mind.”")
    assert [q[1] for q in quotes(text)] == ["Carl Bialik", "Trey Gowdy"]


def test_dash_line_under_the_quote_names_the_speaker():
    text = "“Boeing and GE and other multinationals pay zero taxes in a good year.”\n\n- Bernie Sanders.\n"
    assert quotes(text)[0][1] == "Bernie Sanders"


def test_continued_and_read_cue_only_next_to_the_quote():
    text = ("“Has the candidate a record of personal activism and leadership?” Blackwell continued.\n"
            "“We will keep fighting for every single vote in this state,” the statement read.\n"
            "As the war continued, Ukraine requested “fast-track access” to NATO on September 30.")
    assert [(q[1], q[2]) for q in quotes(text)] == [("Blackwell", "continued"), ("the statement", "read")]


def test_participle_cue_takes_the_subject_of_a_later_sentence():
    text = ("Carson said that he did not.\n\n"
            "Continuing to explain his perspective, Carson rejected the notion that the episode should be water "
            "under the bridge, saying that if he \"found something that was rotten, I would fix it.\"")
    assert [(q[1], q[2]) for q in quotes(text) if q[3] == "mixed"] == [("Carson", "saying")]


def test_transcript_line_inside_the_marks_names_its_speaker_anywhere_in_the_article():
    text = ("The debate turned to taxes late in the evening.\n"
            "“PENCE: Well, look, the people of this country deserve a tax plan that works for them.”")
    assert quotes(text)[0][1] == "PENCE"


def test_opening_mark_typed_as_the_closing_one_still_ends_the_quote():
    text = ("“If Mrs. Clinton loses Iowa and New Hampshire, that could create new and real problems for her here,“ "
            "said Jim Clyburn, a Democratic congressman.\n")
    [(content, speaker, cue, kind)] = quotes(text)
    assert content.endswith("problems for her here,") and (speaker, cue) == ("Jim Clyburn", "said")


def test_title_case_transcript_speaker_inside_the_marks():
    text = ("The host pressed the point.\n"
            "\"Chris Matthews: Seriously, Bernie says he is going to pay for the free tuition with a tax on Wall Street.\"")
    assert quotes(text)[0][1] == "Chris Matthews"


def test_a_clause_is_not_a_nominal_speaker():
    text = ("Delegates rose to their feet and cheered.\n\n"
            "When Trump later referred to the recent massacre at a gay nightclub in Orlando and said he would "
            "\"protect our LGBTQ citizens,\" the crowd applauded loudly.")
    assert [q[1] for q in quotes(text)] != ["a gay nightclub in Orlando and"]
    assert [q[1] for q in quotes(text)] == ["Trump"]


def test_a_sentence_adverb_is_not_a_speaker():
    text = ("Former Florida Gov. Jeb Bush spoke on Tuesday about interrogation. "
            "Then he cut into Bush, calling him a \"stiff\" and accusing him of acting like a \"spoiled child.\"")
    assert "Then" not in [q[1] for q in quotes(text)]


def test_inverted_cue_adverbs_and_a_quoted_title_in_the_apposition():
    text = ("Given the schedule, explained Rosenberg, “with this many states voting on one day, we cannot be everywhere.”\n"
            "Asked about it, Cruz gingerly said that was \"an assessment the voters will have to make.\"\n"
            "As Akhil Amar, author of ''America's Unwritten Constitution,'' put it: ''The barbarians are at the gate.''")
    assert [(q[1], q[2]) for q in quotes(text)] == [("Rosenberg", "explained"), ("Cruz", "said"), ("Akhil Amar", "put it")]


def test_a_listener_after_the_cue_is_not_an_inverted_speaker():
    text = "Limbaugh told his radio audience of Monday, “What has happened basically is this, and it is not good.”"
    assert quotes(text)[0][1] == "Limbaugh"


def test_a_lone_article_is_not_a_speaker():
    text = "The spot concludes with footage of Trump saying during the debate, “That makes me smart,” to applause."
    assert "The" not in [q[1] for q in quotes(text)]


def test_a_noun_phrase_speaker_does_not_end_in_a_preposition():
    text = ("Trump unleashed a series of tweets early Friday saying that rival Hillary Clinton had shown bad judgment "
            "in using Alicia Machado “as a paragon of virtue.”")
    assert "a series of" not in [q[1] for q in quotes(text)]


def test_horizontal_bar_and_a_name_at_the_line_end_attribute_the_quote_above():
    text = ("Latinas reacted to the debate on social media.\n"
            "“He can’t even answer a question without attacking someone first.” ― Krystal Correa\n"
            "“Maybe we can build a wall around Donald Trump instead.” ― Jorge Falcon\n")
    assert [q[1] for q in quotes(text)] == ["Krystal Correa", "Jorge Falcon"]


def test_speakers_after_nested_marks_organisation_titles_and_ages():
    text = ("''He said, `Not now,' and walked away from the table,''' said Senator John McCain of Arizona.\n"
            "“That was more her constituency than his in the 2008 primary,” said Ohio State University professor "
            "Paul Beck.\n"
            "“Now, he will go to work for you and for all of us,” said the 46-year-old.\n"
            "“That would have been a disaster for the whole country,” Toomey fumed on Tuesday.\n")
    assert [q[1] for q in quotes(text)] == ["John McCain of Arizona", "Paul Beck", "the 46-year-old", "Toomey"]


def test_apposition_does_not_run_over_a_dash_and_a_dash_can_introduce_a_quote():
    text = ("Given the union's efforts to collect the tax -- which Apple's chief executive, Tim Cook, called "
            "''total political crap'' -- questions remain.\n"
            "Many said the same thing, including the former presidential candidate Mitt Romney -- ''It is "
            "disqualifying for a modern-day presidential nominee to refuse to release tax returns.''\n")
    assert [q[1] for q in quotes(text)] == ["Tim Cook", "Mitt Romney"]


def test_attitude_verbs_introduce_partial_quotes():
    text = ("Rubio also bemoaned the current political climate in which people “literally hate each other” because "
            "they differ politically.\n")
    assert [(q[0], q[1], q[2]) for q in quotes(text)] == [("literally hate each other", "Rubio", "bemoaned")]


def test_a_paragraph_opened_with_a_closing_mark_is_a_quote():
    text = ("Readers responded.\n"
            "”What is most infuriating is that he draws so much attention away from the hard conversations.” ― Julie Diaz\n")
    assert [(q[0][:25], q[1]) for q in quotes(text)] == [("What is most infuriating ", "Julie Diaz")]


def test_partial_cues_after_an_apposition_or_a_coordinated_verb():
    text = ("Another critic, Laurence H. Tribe, likened the rules to \"burning the Constitution\" in a letter.\n"
            "The Republican nominee also outlined his cybersecurity plan and vowed to harshly punish "
            "“those who violate classification rules.”\n")
    assert [(q[1], q[2]) for q in quotes(text)] == [("Laurence H. Tribe", "likened"), ("Republican nominee", "vowed")]


def test_a_second_fragment_with_its_own_participle_cue_is_a_second_quote():
    text = ("“We certainly can’t afford to do this anymore,” Trump said, adding later, “NATO is costing us a fortune, "
            "and yes, we’re protecting Europe with NATO.”")
    assert [(q[1], q[2]) for q in quotes(text)] == [("Trump", "said"), ("Trump", "adding")]


def test_progressive_cue_after_an_auxiliary():
    text = ("Trump speaks to veterans\n"
            "Donald Trump is telling a veterans group that the United States’ military is “depleted” and weak.\n")
    assert [(q[0], q[1], q[2]) for q in quotes(text)] == [("depleted", "Donald Trump", "telling")]


def test_more_attitude_verbs():
    text = ("Convention night\n"
            "Cruz exhorted Republicans to \"vote your conscience\" in the fall.\n"
            "Aaron Kall compared Trump to a coach at a basketball game who is \"working the referees\" all night.\n")
    assert [(q[1], q[2]) for q in quotes(text)] == [("Cruz", "exhorted"), ("Aaron Kall", "compared")]


def test_according_to_right_after_a_quote_names_its_source():
    text = ("Schools rally\n"
            "More than 100,000 people took part in a nationwide “walk-in at more than 2,000 schools in 238 cities,” "
            "according to the event organizer Alliance to Reclaim Our Schools.\n")
    [(_, speaker, cue, _)] = quotes(text)
    assert cue == "according to" and "Alliance" in speaker


def test_a_straight_mark_can_close_a_curly_quote_after_its_punctuation():
    text = ("“I was pretty clear and I was outspoken on a number of occasions where I think that he did the wrong "
            "thing,\" Ryan continued.\n")
    [(content, speaker, cue, _)] = quotes(text)
    assert (content.endswith("did the wrong thing,"), speaker, cue) == (True, "Ryan", "continued")


def test_a_curly_mark_can_close_a_straight_quote_after_its_punctuation():
    text = "\"Never, ever, ever underestimate Trump. He's a hard guy to predict,” Reid said in a telephone interview."
    [(content, speaker, cue, _)] = quotes(text)
    assert (content, speaker, cue) == ("Never, ever, ever underestimate Trump. He's a hard guy to predict,", "Reid", "said")


def test_a_quote_without_a_cue_takes_the_sentence_subject_when_it_is_a_source():
    text = ("During the depths of the Great Recession, Paul Ryan worried that the social safety net was becoming "
            "“a hammock that lulls able-bodied people to lives of dependency.”")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Paul Ryan", None)


def test_a_sentence_subject_that_is_not_a_source_names_no_speaker():
    text = ("The inquiry has frustrated Clinton allies and provided fodder to candidates such as Sen. Marco Rubio, "
            "who mused in the debate that Clinton was “disqualified from being the commander in chief today.”\n"
            "The magnitude of the loss was steep for the campaign and its “plans to win the nomination this year.”")
    assert [speaker for _, speaker, _, _ in quotes(text)] == [None, None]


def test_a_participle_after_a_leading_phrase_takes_the_subject_before_the_verb():
    text = ("At a rally in Portsmouth, N.H., on Tuesday, Senator Bernie Sanders of Vermont endorsed Mrs. Clinton, "
            "saying that his former rival would “make an outstanding president.”")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Bernie Sanders of Vermont", "saying")


def test_a_participle_after_with_takes_the_noun_before_it():
    text = ("Republicans who agree that the prison should be closed were irritated about the lack of detail, "
            "with Sen. John McCain calling it a “Chinese menu of options for the closing.”")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("John McCain", "calling")


def test_a_participle_after_a_quote_takes_the_speaker_who_follows_the_quote():
    text = ("“He has been an incredible leader for the state of Indiana,” Cruz said, adding: "
            "“I would enthusiastically welcome his support.”")
    assert [speaker for _, speaker, _, _ in quotes(text)] == ["Cruz", "Cruz"]


def test_a_cue_at_the_end_of_the_sentence_after_the_quote_attributes_it():
    text = ("\"He can assert it, but it seems extremely unlikely\" that Sanders can catch Clinton, said Steve "
            "Elmendorf, deputy campaign manager for John Kerry.")
    [(content, speaker, cue, _)] = quotes(text)
    assert (content, speaker, cue) == ("He can assert it, but it seems extremely unlikely", "Steve Elmendorf", "said")


def test_a_verb_phrase_before_a_source_noun_is_not_a_speaker():
    text = ("Senator David Vitter introduced the bill on Tuesday. His office put out a statement saying the U.S. "
            "“does not have the capacity to screen these refugees.”")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("His office", "saying")


def test_a_place_before_the_real_subject_is_not_the_speaker():
    text = ("Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that he spoke with "
            "Mr. Sanders and called the scenes “a disgrace to the party.”")
    [(_, speaker, _, _)] = quotes(text)[:1]
    assert speaker == "Harry Reid"


def test_a_short_quote_after_a_colon_takes_the_sentence_subject():
    text = "Trump gestured as if to stop the ruckus, then leaned in and boomed: “Let’s defeat her in November.”"
    [(content, speaker, cue, _)] = quotes(text)
    assert (content, speaker, cue) == ("Let’s defeat her in November.", "Trump", None)


def test_a_short_quote_in_the_predicate_of_a_named_subject_is_kept():
    text = "Paul Ryan worried that the safety net was becoming “a hammock for dependency.”"
    [(content, speaker, cue, _)] = quotes(text)
    assert (content, speaker, cue) == ("a hammock for dependency.", "Paul Ryan", None)


def test_a_document_can_be_the_source_of_a_quote():
    text = "The lawsuit contends that “the deaths were directly and proximately caused by the negligent actions” of the agency."
    [(_, speaker, _, _)] = quotes(text)
    assert speaker == "The lawsuit"


def test_a_quote_opening_a_paragraph_takes_the_subject_of_the_sentence_announcing_it():
    text = ("Howard Stern continued his scathing remarks.\n\n"
            "“Eight years ago she was the presumed Democratic nominee, and a fellow came along and beat her.”\n\n"
            "The crowd laughed at the joke.\n\n“It was a night to remember for the whole family and the neighbours.”")
    assert [speaker for _, speaker, _, _ in quotes(text)] == ["Howard Stern", None]  # no cue announces the second


def test_a_source_speaking_to_an_outlet_is_the_speaker_not_the_outlet():
    text = "Another intelligence source speaking to Fox News said, “The agents are investigating a possible breach.”"
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Another intelligence source", "said")


def test_a_pronoun_refers_to_the_subject_of_the_sentence_it_follows_not_its_object():
    text = ("Senator Harry Reid said that he spoke with Mr. Sanders on Tuesday.\n"
            "“We need calm and patience from everyone in this party now,” he said.")
    assert quotes(text)[-1][1] == "Harry Reid"


def test_the_listener_after_told_is_not_an_inverted_speaker():
    text = ("Clinton, who called Sanders shortly after the winner was declared, told her supporters, "
            "“I still love New Hampshire and I always will.”")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Clinton", "told")


def test_a_participle_belongs_to_the_nearest_clause_with_a_subject():
    text = ("Jeb Bush spoke first at the dinner, and later, Marco Rubio took the stage, saying the party "
            "“must stand together in November.”")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Marco Rubio", "saying")


def test_a_role_with_of_and_its_named_holder_speak_not_the_outlet_told():
    text = ("“Eventually, positions are gonna soften on Donald Trump, whether it’s now or two weeks from now,” "
            "California Rep. Duncan Hunter’s chief of staff, Joe Kasper, told POLITICO before Ryan’s interview.")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Joe Kasper", "told")


def test_a_short_quote_after_a_title_noun_is_a_title_not_speech():
    text = ("Christie was introduced at a town hall meeting in Hudson by Buddy Valastro, star of the TLC reality "
            "show “Cake Boss.” Valastro praised the governor.")
    assert quotes(text) == []


def test_relative_pronoun_speaker_is_the_name_before_it():
    text = ("On Thursday, Cruz scored his first endorsement from a Senate colleague, from Mike Lee, who declared in the "
            "debate spin room, “I’m sending the signal that it’s time to unite.”")
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.speaker_mention, quote.cue, quote.kind) == ("Mike Lee", "who", "declared", "direct")


def test_relative_pronoun_after_a_role_in_apposition_is_the_name():
    text = ('"We think early money sets the terms of the debate," said Scott Reed, the Chamber\'s chief political '
            'strategist, who added that his organization plans to zero in on local issues "that matter to voters."')
    assert [(q.speaker, q.speaker_mention, q.cue) for q in parse_text(text).quotes] == [
        ("Scott Reed", "Scott Reed", "said"), ("Scott Reed", "who", "added")]


def test_subject_after_a_leading_conjunction_speaks_an_unattributed_quote():
    text = "And Mr. Christie gloated: ''I told you he wouldn't be ready.''"
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("Christie", None)


def test_sentence_announcing_a_quote_in_the_same_paragraph_gives_its_speaker():
    text = ("Clinton touted her credentials as an original co-sponsor of the legislation. \"We need to find ways to "
            "support workers that want a union in their workplace to have fair elections.\"")
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("Clinton", None)


def test_a_lower_case_clause_word_after_a_cue_is_no_title_of_a_speaker():
    text = ("City Attorney Brad Holm said in the letter that the advertisement “unmistakably and wrongfully” suggests "
            "that Phoenix and its officers support Trump’s campaign.")
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("Brad Holm", "said")


def test_a_singular_name_before_a_base_form_cue_is_no_speaker():
    text = ("In a preview clip for Mary J. Blige’s upcoming Apple Music show The 411, Blige sings Bruce Springsteen’s "
            "“American Skin” to Hillary Clinton.")
    [quote] = parse_text(text).quotes
    assert (quote.speaker_mention, quote.cue) == ("Blige", "sings")


def test_more_reporting_verbs_attribute_a_quote():
    text = ("“Every time you say that,” Tester said, “you give ammunition to the people who want to break up the big banks.”\n\n"
            "“Why isn’t this crystal clear proof that an entity as big as Wells is too big to manage?” Vitter demanded.")
    assert [(q.speaker, q.cue) for q in parse_text(text).quotes] == [("Tester", "said"), ("Vitter", "demanded")]


def test_cue_ending_a_sentence_before_a_participle_clause_attributes_the_quote():
    text = ("Sen. Elizabeth Warren led the questioning.\n\n“This just isn’t right,” Warren said. “You squeezed employees "
            "to the breaking point” to drive up the stock price and your compensation, she said, referencing the bank’s "
            "fierce drive to “cross-sell” or make customers open up multiple accounts.")
    found = [(q.text[:11], q.speaker_mention, q.cue) for q in parse_text(text).quotes if q.kind == "direct"]
    assert found == [("This just i", "Warren", "said"), ("You squeeze", "she", "said")]


def test_participle_after_of_a_name_belongs_to_that_name():
    text = "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead, you might ask?”"
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("Hillary Clinton", "asking")


def test_cue_between_two_quotes_introduces_the_second_after_a_finished_sentence():
    text = ("Sen. Elizabeth Warren spoke in Ohio.\n\nShe says Trump represents the “same rigged system that he claims "
            "he’s going to change.” She adds, “What kind of genius loses a billion dollars in a single year?”")
    assert [(q.text[:8], q.cue) for q in parse_text(text).quotes] == [("same rig", "says"), ("What kin", "adds")]


def test_introduction_ending_in_a_colon_names_the_speaker_of_its_last_clause():
    text = ("The New York Times made these same allegations against the NRA in February, and Breitbart News responded:"
            "\n\n\"If there are people in this country who are on the terror watch list, they should be investigated.\"")
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("Breitbart News", "responded")


def test_maybe_opening_a_sentence_is_no_speaker():
    text = "Maybe he figures that getting a second guest-hosting gig on “Saturday Night Live” was an adequate reward."
    assert [q.speaker_mention for q in parse_text(text).quotes] == []  # a title, with no speaker to keep it


def test_name_before_a_prepositional_phrase_is_the_speaker():
    text = ("The supporter was later charged with assault. Trump at the time said his “people” would “look into” "
            "paying the legal fees.")
    assert {q.speaker for q in parse_text(text).quotes} == {"Trump"}


def test_another_is_a_speaker_and_a_speaker_stops_at_a_sentence_end():
    text = ("“It was not a convincing argument,” added another New Hampshire Republican. Yet another said, “Rubio is in "
            "a five-person battle.”")
    assert [(q.text[:5], q.speaker_mention, q.cue) for q in parse_text(text).quotes] == [
        ("It wa", "another New Hampshire Republican", "added"), ("Rubio", "another", "said")]


def test_a_weekday_between_speaker_and_cue():
    text = ("Priebus later Thursday told Fox News: “Both Donald Trump and Paul Ryan are meeting next week.”\n\n"
            "Clinton on Monday said the plan was “a disaster for working families.”")
    assert [(q.speaker, q.cue) for q in parse_text(text).quotes] == [("Priebus", "told"), ("Clinton", "said")]


def test_curly_quote_nested_in_a_curly_quote_does_not_end_it():
    text = ("“As a young, Hispanic woman, I’d rather live in what he calls “hell” than live in a world where he is "
            "president.” ― Adriana Rodarte")
    [quote] = parse_text(text).quotes
    assert quote.text.endswith("where he is president.") and quote.speaker == "Adriana Rodarte"


def test_introduction_with_a_participle_names_the_writer_of_the_quote_below():
    text = "From Josh Feldman writing at Mediaite:\n\n\"A CNN segment tonight on Donald Trump's remarks devolved into a shouting match.\""
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("Josh Feldman", "writing")


def test_an_apostrophe_does_not_count_as_a_quote_in_the_sentence_announcing_one():
    text = ("Iowa State University's Dianne Bystrom agreed. \"Mainstream Republicans are running out of time to find an "
            "alternative to Trump or Cruz.\"")
    [quote] = parse_text(text).quotes
    assert quote.speaker == "Dianne Bystrom"


def test_participle_after_an_inverted_attribution_takes_its_speaker():
    text = ("''This is one of those things you'll know it when you see it,'' said Mr. Burr, adding hopefully that he "
            "did not think the party ''will get there.''")
    assert [(q.speaker, q.cue) for q in parse_text(text).quotes] == [("Burr", "said"), ("Burr", "adding")]


def test_speaker_name_leaves_out_an_affiliation_and_a_joiner_is_a_whole_word():
    text = "“There’s just a passion for Donald,” said Robert Antonacci of the New York delegation."
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.speaker_mention) == ("Robert Antonacci", "Robert Antonacci of the New York")


def test_elaborated_is_a_reporting_verb():
    text = ("Ghazala Khan wrote an essay.\n\n“The way I see it,” she elaborated, “no one ever questioned Major Khan’s "
            "sacrifice or his service or his death.”")
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("Ghazala Khan", "elaborated")


def test_name_before_a_dash_speaks_only_when_it_opens_the_sentence_or_follows_including():
    king = ("Mr. King differentiated himself from Mr. Schultz, who works directly for RT and, Mr. King said, has recently "
            "seemed supportive of Mr. Trump -- ''a completely different Ed Schultz to me, which was a shock to me.''")
    romney = ("A chorus of prominent Republicans has said the same thing, including the former presidential candidate "
              "Mitt Romney -- ''It is disqualifying for a modern-day presidential nominee to refuse to release tax "
              "returns to the voters'' -- and Fred Goldberg.")
    assert [(q.speaker_mention, q.cue) for q in parse_text(king).quotes] == [("Mr. King", "said")]
    assert [q.speaker for q in parse_text(romney).quotes] == ["Mitt Romney"]


def test_a_descriptor_with_a_date_before_the_name_is_part_of_the_speakers_title():
    text = "“The president’s rationales to veto JASTA don’t hold weight,” said 9/11 widow Terry Strada."
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("Terry Strada", "said")


def test_a_pronoun_with_a_contracted_auxiliary_is_a_speaker():
    text = ("Ever since Bernie Sanders announced his candidacy last year, he's said the same thing at every diner stop: "
            "the system is \"rigged\" against working people.")
    assert {(q.speaker, q.speaker_mention, q.cue) for q in parse_text(text).quotes} == {("Bernie Sanders", "he", "said")}


def test_a_middle_initial_stays_in_the_speakers_name():
    text = ("House Speaker Paul D. Ryan spoke on Tuesday.\n\n“We are going to take our country back,” Ryan said.")
    [quote] = parse_text(text).quotes
    assert quote.speaker == "Paul D. Ryan"


def test_a_pronoun_clause_under_a_cue_is_reported_by_that_cue():
    text = ("Sen. Bernie Sanders spoke in Albany.\n\nHe says he believes his campaign has “the wind at its back” going "
            "into New York.")
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.speaker_mention, quote.cue) == ("Bernie Sanders", "He", "says")


def test_a_pronoun_cue_right_before_the_quote_is_reported_by_the_cue_before_it():
    text = ("On Trump's assertion there are generals who agree with him, Benjamin said he believes \"there may be some "
            "out-of-the-loop generals who are beating their chest.\"")
    [quote] = parse_text(text).quotes
    assert (quote.speaker_mention, quote.cue) == ("Benjamin", "said")


def test_the_before_pattern_is_searched_only_where_it_can_end():
    from factcheck.stages.quotes import _may_end_before

    for before in ("Stoltenberg told reporters: ", "he said, ", "Trump told Fox News ", "she said of the plan, ",
                   "Sanders went on: ", "the senator said about the bill "):
        assert _may_end_before(before), before
    for before in ("Trump called it a ", "the so-called ", "She described the plan as "):
        assert not _may_end_before(before), before


def test_a_cue_coordinated_with_but_takes_the_clause_subject():
    text = ("Clinton, who was speaking to the US Conference of Mayors, did not mention Trump by name, but told city leaders "
            "that the United States should be governed by those “who put the interest of the American people ahead of "
            "their personal business interests.”")
    [quote] = parse_text(text).quotes
    assert (quote.speaker_mention, quote.cue) == ("Clinton", "told")


def test_a_restrictive_who_clause_may_stand_between_speaker_and_cue():
    text = ("Although there is no such overlap with Sanders's team, a White House official who spoke anonymously to "
            "discuss internal strategy said Wednesday, \"Certainly there are discussions between the White House and "
            "the Sanders campaign.\"")
    [quote] = parse_text(text).quotes
    assert (quote.speaker, quote.cue) == ("White House official", "said")
