Shoppers desert [Marlow & Finch]{ORG} as sales slide

High street stalwart [Marlow & Finch]{ORG} has suffered its worst festive trading since [2008]{DATE}, with like-for-like sales down [6.3%]{PCT} in the [six weeks]{DATE} to [4 January]{DATE}.

The department store chain, which has [64 stores]{QTY}, blamed mild weather and cautious shoppers. Online sales rose [2 per cent]{PCT} but were not enough to make up the shortfall.

Boss [Caroline Pask]{PER} said: "It has been a tough few months, but we are not standing still." She confirmed that [nine stores]{QTY} would close by [the end of March]{DATE}, with the loss of about [700 jobs]{QTY}.

Analysts at broker [Redfern Capital]{ORG} cut their profit forecast for the year to [£14m]{MONEY}, from [£22m]{MONEY}. "[Marlow & Finch]{ORG} is losing customers to cheaper rivals and to online specialists," said retail analyst [Tom Bakshi]{PER}.

Shares in the company fell [11%]{PCT} to [84p]{MONEY}.

Rival [Dunmore Group]{ORG}, which owns the [Fable]{ORG} fashion chain, reported a [3%]{PCT} rise in sales over the same period. Its chief executive, [Sanjay Rao]{PER}, said customers were "spending carefully, but spending".

The [Independent Retailers Association]{ORG} said [1,400 shops]{QTY} had closed in the [North West]{LOC} [last year]{DATE}, and warned that business rates were "crushing" smaller firms.

[Pask]{PER}, who joined from supermarket [Kellway]{ORG} in [2021]{DATE}, is under pressure from investors including [Brightwater Asset Management]{ORG}, which owns [8.2%]{PCT} of the shares. She is due to set out a new strategy in [April]{DATE}.
