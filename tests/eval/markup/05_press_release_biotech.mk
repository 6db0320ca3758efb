[Veridia Therapeutics]{ORG} reports positive Phase 2 results for [VRD-114]{PROD} in psoriasis

[Cambridge]{LOC}, [UK]{LOC} – [3 March 2025]{DATE} – [Veridia Therapeutics plc]{ORG} ("[Veridia]{ORG}" or "the Company"), a clinical-stage biotechnology company, [today]{DATE} announced positive topline results from its Phase 2 trial of [VRD-114]{PROD}, an oral treatment for moderate-to-severe plaque psoriasis.

The trial enrolled [186 patients]{QTY} at [24 sites]{QTY} in the [United Kingdom]{LOC}, [Germany]{LOC} and [Poland]{LOC}. After [16 weeks]{DATE}, [62%]{PCT} of patients receiving the higher dose achieved the primary endpoint, compared with [11%]{PCT} on placebo. The treatment was well tolerated, with no serious adverse events linked to the drug.

Dr [Helen Marchetti]{PER}, Chief Medical Officer of [Veridia]{ORG}, said: "These data exceed our expectations and support our belief that [VRD-114]{PROD} could become a convenient alternative to injectable biologics."

The Company plans to begin a Phase 3 programme in [the second half of 2025]{DATE} and expects its cash of [£48.2 million]{MONEY} to fund operations into [2027]{DATE}.

[Veridia]{ORG} licensed [VRD-114]{PROD} from the [University of Dundee]{ORG} in [2021]{DATE}. The programme has received [£2.5m]{MONEY} in support from [Innovate UK]{ORG}.

Chief Executive [Oliver Strand]{PER} said: "We are grateful to the patients and investigators who took part. We will present the full results at a scientific meeting [later this year]{DATE}."

About [Veridia Therapeutics]{ORG}

[Veridia]{ORG} is a biotechnology company headquartered in [Cambridge]{LOC} developing oral medicines for inflammatory skin diseases. Its shares are traded on [AIM]{ORG}.

Media enquiries: [Tom Ridley]{PER}, [Fennick Communications]{ORG}
