Chancellor faces backlash over cuts to regional growth fund

The Chancellor, [Miriam Ashdown]{PER}, is facing a revolt from her own backbenchers after the [Treasury]{ORG} confirmed that the [Regional Growth Fund]{ORG} will be cut by [£1.8bn]{MONEY} over the [next three years]{DATE}.

Figures published [yesterday]{DATE} by the [Office for Budget Responsibility]{ORG} ([OBR]{ORG}) suggest the economy will grow by just [0.7 per cent]{PCT} [this year]{DATE}, down from a forecast of [1.2 per cent]{PCT} in [March]{DATE}.

[Ashdown]{PER} told the [Treasury Select Committee]{ORG} that the fund had “delivered poor value” and that about [30%]{PCT} of its grants had gone to firms that would have expanded anyway.

Critics disagree. Sir [Howard Penrose]{PER}, who chaired the fund’s advisory panel until [2021]{DATE}, said the cut would hit “the very places the government claims to care about”.

The [Confederation of British Industry]{ORG} ([CBI]{ORG}) warned that up to [40,000 jobs]{QTY} in the [North East]{LOC} and the [Midlands]{LOC} could be at risk. Its chief economist, [Nadia Quereshi]{PER}, said businesses had already committed [£900m]{MONEY} of their own money on the expectation of matched funding.

[Labour]{ORG}’s shadow chancellor, [Rhys Talbot-Evans]{PER}, called the decision “an act of economic vandalism” and demanded that [Ashdown]{PER} publish the evaluation on which it was based.

A [Treasury]{ORG} spokesman said [£600m]{MONEY} would be redirected to a new [Local Investment Partnership]{ORG}, with bids opening in [early 2026]{DATE}. “Every pound will be targeted at the places that need it most,” he said.

[Ashdown]{PER} will set out further details on [22 November]{DATE}, when [Quereshi]{PER} and other business leaders are expected to meet ministers in [Manchester]{LOC}.
