//! Where the programme happened and who ran it (from the seed: the partner city councils of
//! Huelva province and the Algarve, Mita ONG, UATAE and CEAL).

use ruta_domain::values::ProgrammeCountry;

/// A municipality where participants live, with the staff account of its partner desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Municipality {
    pub name: &'static str,
    pub country: ProgrammeCountry,
    /// The staff member who registers people from here (the partner's desk).
    pub desk: &'static str,
}

const fn es(name: &'static str, desk: &'static str) -> Municipality {
    Municipality {
        name,
        country: ProgrammeCountry::Es,
        desk,
    }
}

const fn pt(name: &'static str, desk: &'static str) -> Municipality {
    Municipality {
        name,
        country: ProgrammeCountry::Pt,
        desk,
    }
}

/// Spanish municipalities with their weight among Spanish participants.
pub(crate) const SPAIN: &[(Municipality, u32)] = &[
    (es("La Palma del Condado", "staff-lapalma"), 30),
    (es("Palos de la Frontera", "staff-palos"), 20),
    (es("Lepe", "staff-lepe"), 25),
    (es("Huelva", "staff-uatae"), 15),
    (es("Ayamonte", "staff-mita"), 10),
];

/// Portuguese municipalities with their weight among Portuguese participants.
pub(crate) const PORTUGAL: &[(Municipality, u32)] = &[
    (pt("Faro", "staff-faro"), 60),
    (pt("Loulé", "staff-ceal"), 15),
    (pt("Olhão", "staff-ceal"), 15),
    (pt("Tavira", "staff-faro"), 10),
];

/// The seed's partners: (organisation, country code, staff account, city).
pub(crate) const PARTNERS: &[(&str, &str, &str, &str)] = &[
    (
        "Ayuntamiento de La Palma del Condado",
        "ES",
        "staff-lapalma",
        "La Palma del Condado",
    ),
    (
        "Ayuntamiento de Palos de la Frontera",
        "ES",
        "staff-palos",
        "Palos de la Frontera",
    ),
    ("Ayuntamiento de Lepe", "ES", "staff-lepe", "Lepe"),
    ("Câmara Municipal de Faro", "PT", "staff-faro", "Faro"),
    ("Mita ONG", "ES", "staff-mita", "Huelva"),
    (
        "Unión de Asociaciones de Trabajadores Autónomos y Emprendedores (UATAE)",
        "ES",
        "staff-uatae",
        "Huelva",
    ),
    (
        "Confederação dos Empresários do Algarve (CEAL)",
        "PT",
        "staff-ceal",
        "Faro",
    ),
];

/// Other organisations of the programme's networks: (name, country code).
pub(crate) const ORGANISATIONS: &[(&str, &str)] = &[
    ("Cámara de Comercio de Huelva", "ES"),
    ("Diputación de Huelva", "ES"),
    ("Universidad de Huelva", "ES"),
    ("Federación Onubense de Empresarios (FOE)", "ES"),
    ("Asociación de Comerciantes de Lepe", "ES"),
    ("Cooperativa Agraria Nuestra Señora del Socorro", "ES"),
    ("Asociación de Mujeres Empresarias de Huelva", "ES"),
    ("Fundación Cepaim Huelva", "ES"),
    ("Ayuntamiento de Ayamonte", "ES"),
    ("Asociación de Empresarios de Madrid Emprende", "ES"),
    ("Barcelona Activa", "ES"),
    ("Universidade do Algarve", "PT"),
    ("CCDR Algarve", "PT"),
    ("NERA – Associação Empresarial da Região do Algarve", "PT"),
    (
        "ACRAL – Associação do Comércio e Serviços da Região do Algarve",
        "PT",
    ),
    ("Câmara Municipal de Castro Marim", "PT"),
    ("Câmara Municipal de Vila Real de Santo António", "PT"),
    ("Associação In Loco", "PT"),
    ("IEFP – Centro de Emprego de Faro", "PT"),
    ("Região de Turismo do Algarve", "PT"),
    ("ANJE Algarve", "PT"),
    ("Alto Comissariado para as Migrações (CLAII Faro)", "PT"),
];

/// The e-learning platform's grader (exam scores come from here).
pub(crate) const GRADER: &str = "staff-elearning";

/// The staff account of a partner city for events held in `city`.
pub(crate) fn desk_of(city: &str) -> &'static str {
    PARTNERS
        .iter()
        .find(|(_, _, _, c)| *c == city)
        .map_or("staff-lapalma", |(_, _, desk, _)| desk)
}

/// Country code of a programme country.
pub(crate) fn code(country: ProgrammeCountry) -> &'static str {
    match country {
        ProgrammeCountry::Es => "ES",
        ProgrammeCountry::Pt => "PT",
    }
}
