[Brussels]{LOC} fines chipmaker [Valtronic]{ORG} [€1.2bn]{MONEY} over rebates

The [European Commission]{ORG} has fined Dutch chipmaker [Valtronic NV]{ORG} [€1.2 billion]{MONEY} for using rebates to squeeze rivals out of the market for automotive sensors, the second-largest antitrust penalty it has imposed on a technology company.

Competition commissioner [Elena Sørby]{PER} said [Valtronic]{ORG} had paid carmakers including [Autovia]{ORG} and [Kranz Motoren]{ORG} to source at least [80%]{PCT} of their sensors from it between [2016]{DATE} and [2022]{DATE}.

“Rivals with better products were locked out, and drivers paid the price,” [Sørby]{PER} told a press conference in [Brussels]{LOC} on [Wednesday]{DATE}.

[Valtronic]{ORG}, based in [Eindhoven]{LOC}, said it would appeal to the [General Court]{ORG} in [Luxembourg]{LOC}. Chief executive [Pieter de Wall]{PER} said the company “strongly disagrees” with the decision and that its rebates had lowered prices for customers.

The fine equals about [6.5 per cent]{PCT} of [Valtronic]{ORG}’s [€18.4bn]{MONEY} annual turnover. The legal maximum is [10 per cent]{PCT}.

[Valtronic]{ORG} shares fell [4%]{PCT} in [Amsterdam]{LOC}. The company employs around [21,000 staff]{QTY} in [14 countries]{QTY} and makes most of its chips at [two plants]{QTY} in the [Netherlands]{LOC} and [Malaysia]{LOC}.

Rival [Sentrix]{ORG}, which filed the original complaint in [2019]{DATE}, welcomed the ruling. It has said it lost sales worth [€300m-€400m]{MONEY} as a result of the rebates and is preparing a damages claim in the German courts.

[De Wall]{PER} said [Valtronic]{ORG} would set aside the full amount while the appeal was heard, which could take [two years]{DATE}.
