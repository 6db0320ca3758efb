[Andara Minerals]{ORG} agrees [$2.1 billion]{MONEY} takeover of Chilean copper miner

[SYDNEY]{LOC}, [May 12]{DATE} ([Meridian Wire]{ORG}) - Australian miner [Andara Minerals]{ORG} said on [Monday]{DATE} it had agreed to buy [Chile]{LOC}'s [Cobrealta SA]{ORG} for [$2.1 billion]{MONEY} in cash, as it seeks to expand into copper.

The offer of [$3.40]{MONEY} per share represents a premium of [27%]{PCT} to [Cobrealta]{ORG}'s closing price on [Friday]{DATE}, the companies said in a joint statement.

[Andara]{ORG} chief executive [Lachlan Pierce]{PER} said the deal would lift group copper output to around [310,000 tonnes]{QTY} a year by [2028]{DATE}. "Copper is the metal of the energy transition," [Pierce]{PER} told reporters in [Sydney]{LOC}.

[Cobrealta]{ORG} runs [two open-pit mines]{QTY} in the [Atacama]{LOC} region and employs about [4,500 people]{QTY}. Its board, chaired by [Isabel Fuentes]{PER}, has recommended that shareholders accept the offer.

The deal is expected to close by [December]{DATE}, subject to approval from [Chile]{LOC}'s competition regulator and the [Foreign Investment Review Board]{ORG} in [Canberra]{LOC}.

[Andara]{ORG} shares fell [3.2 percent]{PCT} to [A$18.75]{MONEY} in [Sydney]{LOC} trading, while the broader market was flat. Analysts at [Harbourline Securities]{ORG} said the price looked "full but fair" given copper's recent rally.

[Fuentes]{PER} said the board had also received an approach from a Canadian rival but judged the [Andara]{ORG} offer superior. She declined to name the company.

[Goldwater Partners]{ORG} and [Banco Austral]{ORG} advised [Andara]{ORG}, while [Cobrealta]{ORG} was advised by [Pellham Stone]{ORG}.
