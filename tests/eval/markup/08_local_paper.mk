Hospice appeal smashes target thanks to village bake-off

A village bake-off has helped [St Columba's Hospice]{ORG} smash its [£250,000]{MONEY} appeal target [two months]{DATE} early.

More than [300 people]{QTY} packed [Lower Bramford]{LOC} village hall on [Saturday]{DATE} for the event, organised by retired teacher [Margaret Ellery]{PER}, 74.

Mrs [Ellery]{PER}, whose husband [Ken]{PER} was cared for at the hospice in [2019]{DATE}, said: "I never imagined we would raise so much. People have been so generous, and the cakes were wonderful."

The event raised [£8,430]{MONEY}, taking the total to [£253,900]{MONEY}.

Hospice fundraising manager [Chris Adeyemi]{PER} said the money would pay for [six new beds]{QTY} at the inpatient unit on [Hollis Road]{LOC}, which cares for around [900 patients]{QTY} a year across [West Norfolk]{LOC}.

Judges included [Bramford Town FC]{ORG} manager [Steve Kilburn]{PER} and [BBC Radio Norfolk]{ORG} presenter [Lucy Haines]{PER}. The winning lemon drizzle, baked by schoolgirl [Amelia Root]{PER}, sold at auction for [£420]{MONEY}.

[Adeyemi]{PER} added: "Every penny stays local. We cannot thank [Margaret]{PER} and her team enough."

The hospice's next event is a sponsored walk along the [Peddars Way]{LOC} on [12 July]{DATE}. Entry costs [£15]{MONEY} and walkers can choose a route of [five miles]{QTY} or [ten miles]{QTY}.
