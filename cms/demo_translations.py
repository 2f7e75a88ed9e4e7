"""The demo's Spanish and Bosnian text: machine drafts, marked so in the admin until a qualified
translator has reviewed them and an editor approves them (cms.operations.approve_translation).
The service days' text is in events/demo_translations.py."""

HOME = {
    "es": {
        "title": "Días de Servicios para Víctimas",
        "intro": "<p>Los Días de Servicios para Víctimas llevan defensores de víctimas, "
        "representantes de programas y trabajadores sociales a bibliotecas y centros "
        "comunitarios de St. Louis. Venga en persona: la ayuda es gratuita y no necesita cita "
        "ni denuncia policial.</p>",
    },
    "bs": {
        "title": "Dani usluga za žrtve",
        "intro": "<p>Dani usluga za žrtve dovode zagovornike žrtava, predstavnike programa i "
        "socijalne radnike u biblioteke i društvene centre širom St. Louisa. Dođite lično: "
        "pomoć je besplatna i ne trebate zakazan termin ni policijsku prijavu.</p>",
    },
}

QUICK_EXIT = {
    "es": {
        "title": "Salir rápidamente de este sitio",
        "intro": "Lo que el botón Salir de esta página oculta y lo que no oculta.",
        "body": """
<p>Cada página de este sitio tiene un botón <strong>Salir de esta página</strong> arriba.
Selecciónelo (en una computadora también puede pulsar la tecla <kbd>Mayús</kbd> tres veces) y
este sitio se reemplaza al instante por un sitio web del tiempo.</p>
<h2>Lo que hace la salida rápida</h2>
<ul>
<li>Oculta este sitio de la pantalla de inmediato.</li>
<li>Reemplaza la página en la que estaba, y las páginas que abre dentro de este sitio se
reemplazan entre sí, así que el botón Atrás del navegador normalmente vuelve a la página en la
que estaba antes de venir aquí, no a este sitio.</li>
</ul>
<h2>Lo que la salida rápida no hace</h2>
<ul>
<li>No borra su historial de navegación. Las páginas de este sitio que visitó siguen en el
historial del navegador, y el navegador puede sugerirlas cuando alguien escribe una dirección.</li>
<li>Si JavaScript está desactivado, el botón abre igualmente el sitio del tiempo, pero Atrás
volverá a este sitio.</li>
<li>No puede ocultar lo que alguien vea en otro dispositivo, en una cuenta compartida o en la
lista de aplicaciones y pestañas recientes de un teléfono.</li>
</ul>
<h2>Lo que usted puede hacer</h2>
<ul>
<li>Use una ventana privada o de incógnito: no guarda historial cuando la cierra.</li>
<li>Si es seguro hacerlo, borre este sitio del historial del navegador, o borre el historial
del tiempo que estuvo aquí.</li>
<li>Cierre la pestaña cuando termine.</li>
<li>Este sitio no usa cookies ni carga nada de otros sitios web. Solo se muestra un mapa
cuando usted lo pide.</li>
</ul>
""",
    },
    "bs": {
        "title": "Brzo napuštanje ove stranice",
        "intro": "Šta dugme Napusti ovu stranicu skriva, a šta ne skriva.",
        "body": """
<p>Svaka stranica ovog sajta ima dugme <strong>Napusti ovu stranicu</strong> na vrhu.
Odaberite ga (na računaru možete i tri puta pritisnuti tipku <kbd>Shift</kbd>) i ovaj sajt se
odmah zamjenjuje sajtom o vremenskoj prognozi.</p>
<h2>Šta brzi izlaz radi</h2>
<ul>
<li>Odmah sklanja ovaj sajt sa ekrana.</li>
<li>Zamjenjuje stranicu na kojoj ste bili, a stranice koje otvorite unutar ovog sajta
zamjenjuju jedna drugu, pa dugme Nazad u pregledniku obično vodi na stranicu na kojoj ste bili
prije nego što ste došli ovamo, a ne nazad kroz ovaj sajt.</li>
</ul>
<h2>Šta brzi izlaz ne radi</h2>
<ul>
<li>Ne briše historiju pregledanja. Stranice ovog sajta koje ste posjetili i dalje su u
historiji preglednika, a preglednik ih može predložiti kada neko upisuje adresu.</li>
<li>Ako je JavaScript isključen, dugme i dalje otvara sajt o vremenu, ali Nazad će vas vratiti
na ovaj sajt.</li>
<li>Ne može sakriti ono što neko vidi na drugom uređaju, na zajedničkom računu ili na listi
nedavnih aplikacija i kartica na telefonu.</li>
</ul>
<h2>Šta vi možete uraditi</h2>
<ul>
<li>Koristite privatni (inkognito) prozor: ne čuva historiju kada ga zatvorite.</li>
<li>Ako je sigurno, izbrišite ovaj sajt iz historije preglednika ili očistite historiju za
vrijeme kada ste bili ovdje.</li>
<li>Zatvorite karticu kada završite.</li>
<li>Ovaj sajt ne postavlja kolačiće i ne učitava ništa s drugih sajtova. Mapa se prikazuje
samo kada je zatražite.</li>
</ul>
""",
    },
}

SITE_TEXTS = {
    "es": {
        "crisis_line_label": "Línea de crisis (24 horas)",
        "help_line_label": "Línea de ayuda de servicios para víctimas",
        "emergency_note": "En una emergencia, llame al 911.",
        "funding_acknowledgement": "Este proyecto cuenta con el apoyo de una subvención de la "
        "Ley de Víctimas del Delito (VOCA) otorgada por la Oficina para Víctimas del Delito, "
        "Oficina de Programas de Justicia, Departamento de Justicia de los EE. UU. Las opiniones, "
        "hallazgos y conclusiones expresados son de los autores y no reflejan necesariamente "
        "los del Departamento de Justicia.",
        "privacy_note": "Este sitio no usa cookies y no carga nada de otros sitios web.",
    },
    "bs": {
        "crisis_line_label": "Krizna linija (24 sata)",
        "help_line_label": "Linija za pomoć žrtvama",
        "emergency_note": "U hitnom slučaju nazovite 911.",
        "funding_acknowledgement": "Ovaj projekat podržan je grantom po Zakonu o žrtvama "
        "krivičnih djela (VOCA) koji je dodijelio Ured za žrtve krivičnih djela, Ured za "
        "pravosudne programe, Ministarstvo pravde SAD-a. Iznesena mišljenja, nalazi i "
        "zaključci su autorovi i ne odražavaju nužno stavove Ministarstva pravde.",
        "privacy_note": "Ova stranica ne postavlja kolačiće i ne učitava ništa s drugih stranica.",
    },
}

# The two pages of the main menu, so that the menu reads whole in each language.
RIGHTS = {
    "es": {
        "title": "Sus derechos como víctima de un delito",
        "intro": "Lo que le corresponde, haya o no alguien detenido.",
        "body": """
<p>Si un delito le ha causado daño, usted tiene derechos, haya o no alguien detenido. El personal
de cada Día de Servicios para Víctimas puede explicárselos y ayudarle a ejercerlos.</p>
<h2>Usted tiene derecho a</h2>
<ul>
<li>ser tratado con dignidad y respeto;</li>
<li>recibir información sobre el caso y sobre las fechas de corte, si la pide;</li>
<li>estar presente en los procesos judiciales y ser escuchado en etapas clave, como la
sentencia;</li>
<li>hablar con el fiscal sobre el caso;</li>
<li>recibir protección contra amenazas y acoso;</li>
<li>pedir la restitución de lo que el delito le costó;</li>
<li>solicitar la compensación para víctimas de delitos.</li>
</ul>
<h2>Compensación</h2>
<p>La compensación puede ayudar a pagar facturas médicas y de consejería, salarios perdidos y
gastos funerarios que nadie más paga. Hay plazos para solicitarla. El personal de un día de
servicios le ayudará a llenar la solicitud y a reunir lo que se necesita.</p>
<h2>La ayuda es gratuita</h2>
<p>Todos los servicios que ofrecemos son gratuitos. No necesita haber denunciado el delito a la
policía para hablar con nosotros.</p>
""",
    },
    "bs": {
        "title": "Vaša prava kao žrtve krivičnog djela",
        "intro": "Šta vam pripada, bez obzira na to da li je iko uhapšen.",
        "body": """
<p>Ako vam je krivičnim djelom nanesena šteta, imate prava, bez obzira na to da li je iko
uhapšen. Osoblje na svakom Danu usluga za žrtve može vam ih objasniti i pomoći vam da ih
ostvarite.</p>
<h2>Imate pravo da</h2>
<ul>
<li>se prema vama postupa dostojanstveno i s poštovanjem;</li>
<li>budete obaviješteni o predmetu i o datumima ročišta, ako to zatražite;</li>
<li>prisustvujete sudskim postupcima i budete saslušani u ključnim fazama, kao što je
izricanje presude;</li>
<li>razgovarate s tužiocem o predmetu;</li>
<li>budete zaštićeni od prijetnji i uznemiravanja;</li>
<li>tražite nadoknadu onoga što vas je krivično djelo koštalo;</li>
<li>podnesete zahtjev za naknadu žrtvama krivičnih djela.</li>
</ul>
<h2>Naknada</h2>
<p>Naknada može pomoći da se plate računi za liječenje i savjetovanje, izgubljena plata i
troškovi sahrane koje niko drugi ne plaća. Zahtjev se mora podnijeti u roku. Osoblje na danu
usluga pomoći će vam da popunite zahtjev i prikupite ono što je za njega potrebno.</p>
<h2>Pomoć je besplatna</h2>
<p>Sve usluge koje nudimo su besplatne. Ne morate prijaviti krivično djelo policiji da biste
razgovarali s nama.</p>
""",
    },
}

RESOURCES = {
    "es": {
        "title": "Líneas de ayuda y recursos",
        "intro": "Ayuda gratuita y confidencial a cualquier hora.",
        "body": """
<p>Estas líneas atienden todos los días, a cualquier hora. No tiene que dar su nombre.</p>
<ul>
<li>En una emergencia, llame al <a href="tel:911">911</a>.</li>
<li>988 Línea de Prevención del Suicidio y Crisis: llame o envíe un mensaje de texto al
<a href="tel:988">988</a>.</li>
<li>Línea Nacional contra la Violencia Doméstica:
<a href="tel:18007997233">1-800-799-7233</a>.</li>
<li>Línea Nacional de RAINN contra la Agresión Sexual:
<a href="tel:18006564673">1-800-656-4673</a>.</li>
<li>Línea Nacional contra la Trata de Personas: <a href="tel:18883737888">1-888-373-7888</a>.</li>
</ul>
<h2>En un Día de Servicios para Víctimas</h2>
<p>El personal puede derivarle a consejería, asistencia legal, refugio y otros servicios locales,
y ayudarle a solicitar una orden de protección.</p>
""",
    },
    "bs": {
        "title": "Linije za pomoć i resursi",
        "intro": "Besplatna i povjerljiva pomoć u bilo koje doba.",
        "body": """
<p>Ove linije se javljaju svaki dan, u bilo koje doba. Ne morate reći svoje ime.</p>
<ul>
<li>U hitnom slučaju nazovite <a href="tel:911">911</a>.</li>
<li>988, linija za sprečavanje samoubistva i pomoć u krizi: nazovite ili pošaljite poruku na
<a href="tel:988">988</a>.</li>
<li>Nacionalna linija za pomoć u slučaju nasilja u porodici:
<a href="tel:18007997233">1-800-799-7233</a>.</li>
<li>RAINN, nacionalna linija za pomoć žrtvama seksualnog napada:
<a href="tel:18006564673">1-800-656-4673</a>.</li>
<li>Nacionalna linija za pomoć žrtvama trgovine ljudima:
<a href="tel:18883737888">1-888-373-7888</a>.</li>
</ul>
<h2>Na Danu usluga za žrtve</h2>
<p>Osoblje vas može uputiti na savjetovanje, pravnu pomoć, sklonište i druge lokalne usluge, i
pomoći vam da podnesete zahtjev za nalog o zaštiti.</p>
""",
    },
}
