//! The words of the synthetic catalogue: trades in three languages and the programme's places.

/// (category, Spanish words, Portuguese words, English words)
pub(crate) type Trade = (
    &'static str,
    [&'static str; 6],
    [&'static str; 6],
    [&'static str; 6],
);

#[rustfmt::skip]
pub(crate) const TRADES: [Trade; 12] = [
    ("formacion", ["contabilidad", "curso", "formación", "impuestos", "facturación", "gestión"],
        ["contabilidade", "curso", "formação", "impostos", "faturação", "gestão"],
        ["accounting", "course", "training", "taxes", "invoicing", "management"]),
    ("fontaneria", ["fontanería", "tuberías", "calderas", "reparación", "urgente", "instalación"],
        ["canalização", "tubagens", "caldeiras", "reparação", "urgente", "instalação"],
        ["plumbing", "pipes", "boilers", "repair", "urgent", "installation"]),
    ("electricidad", ["electricista", "instalación", "placas", "solares", "iluminación", "cuadros"],
        ["eletricista", "instalação", "painéis", "solares", "iluminação", "quadros"],
        ["electrician", "wiring", "solar", "panels", "lighting", "switchboards"]),
    ("hosteleria", ["restaurante", "catering", "comida", "casera", "tapas", "eventos"],
        ["restaurante", "catering", "comida", "caseira", "petiscos", "eventos"],
        ["restaurant", "catering", "homemade", "food", "tapas", "events"]),
    ("artesania", ["cerámica", "alfarería", "taller", "cestería", "bordados", "artesanía"],
        ["cerâmica", "olaria", "oficina", "cestaria", "bordados", "artesanato"],
        ["pottery", "ceramics", "workshop", "baskets", "embroidery", "crafts"]),
    ("turismo", ["rutas", "guiadas", "alojamiento", "rural", "senderismo", "kayak"],
        ["passeios", "guiados", "alojamento", "rural", "caminhadas", "caiaque"],
        ["guided", "tours", "lodging", "rural", "hiking", "kayak"]),
    ("diseno", ["diseño", "páginas", "tiendas", "online", "logotipos", "fotografía"],
        ["design", "páginas", "lojas", "online", "logótipos", "fotografia"],
        ["design", "websites", "shops", "online", "logos", "photography"]),
    ("reparaciones", ["reparación", "bicicletas", "ordenadores", "móviles", "electrodomésticos", "taller"],
        ["reparação", "bicicletas", "computadores", "telemóveis", "eletrodomésticos", "oficina"],
        ["repair", "bicycles", "computers", "phones", "appliances", "workshop"]),
    ("agricultura", ["fresas", "naranjas", "ecológicas", "huerta", "aceite", "miel"],
        ["morangos", "laranjas", "biológicas", "horta", "azeite", "mel"],
        ["strawberries", "oranges", "organic", "garden", "olive", "honey"]),
    ("limpieza", ["limpieza", "oficinas", "cristales", "comunidades", "mudanzas", "jardinería"],
        ["limpeza", "escritórios", "vidros", "condomínios", "mudanças", "jardinagem"],
        ["cleaning", "offices", "windows", "buildings", "removals", "gardening"]),
    ("estetica", ["peluquería", "estética", "masajes", "uñas", "maquillaje", "barbería"],
        ["cabeleireiro", "estética", "massagens", "unhas", "maquilhagem", "barbearia"],
        ["hairdresser", "beauty", "massage", "nails", "makeup", "barber"]),
    ("transporte", ["transporte", "mensajería", "furgoneta", "reparto", "traslados", "aeropuerto"],
        ["transporte", "estafetas", "carrinha", "entregas", "transferes", "aeroporto"],
        ["transport", "courier", "van", "delivery", "transfers", "airport"]),
];

#[rustfmt::skip]
pub(crate) const SPAIN: [&str; 10] = [
    "La Palma del Condado", "Palos de la Frontera", "Lepe", "Huelva", "Moguer", "Ayamonte",
    "Isla Cristina", "Cartaya", "Almonte", "Bollullos Par del Condado",
];
#[rustfmt::skip]
pub(crate) const PORTUGAL: [&str; 10] = [
    "Faro", "Tavira", "Loulé", "Vila Real de Santo António", "Olhão", "Castro Marim",
    "Albufeira", "Portimão", "Lagos", "Silves",
];
#[rustfmt::skip]
pub(crate) const FILLER_ES: [&str; 8] = ["servicio", "profesional", "calidad", "precios", "presupuesto", "domicilio", "experiencia", "familiar"];
#[rustfmt::skip]
pub(crate) const FILLER_PT: [&str; 8] = ["serviço", "profissional", "qualidade", "preços", "orçamento", "domicílio", "experiência", "familiar"];
#[rustfmt::skip]
pub(crate) const FILLER_EN: [&str; 8] = ["service", "professional", "quality", "prices", "quote", "home", "experience", "family"];
