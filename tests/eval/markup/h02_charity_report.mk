Food bank network warns of record demand as winter approaches

The [Harvest Table Trust]{ORG}, which supports more than [300 food banks]{QTY} across [England]{LOC} and [Wales]{LOC}, handed out [2.4 million emergency parcels]{QTY} in the year to [March]{DATE}, up [12%]{PCT} on the [previous year]{DATE}.

In its annual report, published [today]{DATE}, the charity says that families with children received [38 per cent]{PCT} of parcels, and that [690,000 people]{QTY} used a food bank for the first time.

Chief executive [Gwen Adebayo-Hart]{PER} said: "Nobody should need a food bank. These figures show that wages and benefits are simply not keeping up with the cost of essentials."

The report calls on the [Department for Work and Pensions]{ORG} to raise benefits by at least [£25]{MONEY} a week and to stop deductions for debts owed to the government.

Volunteers at the trust's warehouse in [Wolverhampton]{LOC} packed [18,500 parcels]{QTY} in [December]{DATE} alone. Warehouse manager [Dev Mistry]{PER} said donations from supermarkets, including [Pennywise]{ORG} and [Greenacre Foods]{ORG}, had kept the shelves stocked, but that cash donations had fallen.

"People who gave to us [two years ago]{DATE} are now coming to us for help," [Mistry]{PER} said.

The charity's income rose to [£41.2m]{MONEY}, but its costs rose faster, leaving a deficit of [£1.9m]{MONEY}. Its chair, Lady [Patricia Voss]{PER}, said the board would draw on reserves rather than cut services.

[Adebayo-Hart]{PER} will give evidence to the [Work and Pensions Committee]{ORG} on [19 November]{DATE}, alongside representatives of the [Trussell Network]{ORG} and [Citizens Advice]{ORG}.
