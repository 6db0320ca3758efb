[Kestrel Logistics]{ORG} picks [Lumora]{ORG} warehouse system for [Midlands]{LOC} hub

Third-party logistics firm [Kestrel Logistics]{ORG} has chosen [Lumora Software]{ORG} to supply a warehouse management system (WMS) for its new distribution centre near [Daventry]{LOC}, in a deal worth [£3.4m]{MONEY} over [five years]{DATE}.

The [Lumora Flow]{PROD} platform will manage [14 automated picking zones]{QTY} and [220 handheld scanners]{QTY} when the site opens in [April]{DATE}, [Supply Chain Digest]{ORG} understands.

[Kestrel]{ORG}’s operations director, [Priya Ramanathan]{PER}, said the company had evaluated [six vendors]{QTY} before choosing [Lumora]{ORG}. “We needed a system our [1,200 warehouse staff]{QTY} could learn in days, not weeks,” she said.

The WMS will link to [Kestrel]{ORG}’s transport management system, supplied by [Routelogic]{ORG}, and to customer ordering portals. Go-live is planned in [three phases]{QTY}, with the chilled goods area first.

[Lumora]{ORG}, which is based in [Reading]{LOC} and backed by private equity house [Harrowgate Capital]{ORG}, reported revenue of [£27.5m]{MONEY} for [2024]{DATE}, up [18%]{PCT}. Chief executive [Marcus Feld]{PER} said the [Kestrel]{ORG} contract was the company’s largest [this year]{DATE}.

“Mid-sized logistics providers have been badly served by software built for global retailers,” [Feld]{PER} said. “They want something that works out of the box.”

[Lumora]{ORG} now supports more than [90 customers]{QTY} across the [UK]{LOC} and [Ireland]{LOC}. [Kestrel]{ORG} operates [11 sites]{QTY} and counts supermarket chain [Brightmarket]{ORG} and drinks maker [Calloway Brewing]{ORG} among its clients.

[Ramanathan]{PER} said [Kestrel]{ORG} would consider rolling the system out to its other sites if the [Daventry]{LOC} project met its targets.
